using k8s.Models;

namespace GitOps.Dsl;

/// <summary>How a <see cref="WebService"/> is exposed through an Ingress.</summary>
/// <param name="host">The host name, e.g. <c>shop.example.com</c>.</param>
public sealed class IngressOptions(string host)
{
    /// <summary>The host name.</summary>
    public string Host { get; } = host;

    /// <summary>The path prefix (<c>/</c> unless set).</summary>
    public string Path { get; set; } = "/";

    /// <summary>The ingress class, e.g. <c>nginx</c>.</summary>
    public string? ClassName { get; set; }

    /// <summary>A Secret holding the TLS certificate; enables TLS for <see cref="Host"/>.</summary>
    public string? TlsSecretName { get; set; }

    /// <summary>Annotations on the Ingress (controller settings).</summary>
    public IDictionary<string, string> Annotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    internal V1Ingress Build(V1ObjectMeta metadata, string serviceName, int servicePort)
    {
        if (Annotations.Count > 0)
        {
            metadata.Annotations = new SortedDictionary<string, string>(Annotations, StringComparer.Ordinal);
        }

        return new V1Ingress
        {
            Metadata = metadata,
            Spec = new V1IngressSpec
            {
                IngressClassName = ClassName,
                Tls = TlsSecretName is null ? null : [new V1IngressTLS { Hosts = [Host], SecretName = TlsSecretName }],
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = Host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = Path,
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend { Name = serviceName, Port = new V1ServiceBackendPort { Number = servicePort } },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
