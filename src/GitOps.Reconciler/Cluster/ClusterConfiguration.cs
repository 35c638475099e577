using System.Security.Cryptography.X509Certificates;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// How to reach and authenticate to a Kubernetes API server: what a kubeconfig context or a pod's service account
/// says. Our own type rather than KubernetesClient's configuration, so that the agent never loads that library (its
/// code pages alone cost about 5 MiB of resident memory) unless a kubeconfig needs its plugins.
/// </summary>
public sealed record ClusterConfiguration
{
    /// <summary>The API server URL (<c>https://10.0.0.1:6443</c>, or below a proxy prefix).</summary>
    public required string Server { get; init; }

    /// <summary>The certificate authorities that alone may vouch for the server; null lets the system's trust store decide.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Accept any server certificate (kubeconfig's insecure-skip-tls-verify).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>The name the server's certificate must carry, when it differs from the URL's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The client certificate as base64 of its PEM text, as kubeconfig's client-certificate-data carries it.</summary>
    public string? ClientCertificateData { get; init; }

    /// <summary>The client certificate's private key as base64 of its PEM text (client-key-data).</summary>
    public string? ClientKeyData { get; init; }

    /// <summary>A PEM file holding the client certificate (client-certificate).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>A PEM file holding the client certificate's private key (client-key).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>A fixed bearer token.</summary>
    public string? AccessToken { get; init; }

    /// <summary>Basic authentication user name, used together with <see cref="Password"/>.</summary>
    public string? Username { get; init; }

    /// <summary>Basic authentication password.</summary>
    public string? Password { get; init; }

    /// <summary>The context's default namespace, if it names one.</summary>
    public string? Namespace { get; init; }

    /// <summary>The User-Agent header sent with each request, if any.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Asked for a token on every request (a rotating token file, an exec plugin); comes before <see cref="AccessToken"/>.</summary>
    internal IBearerTokenSource? TokenSource { get; init; }

    /// <summary>Only the server: the rest holds credentials that must not end up in a log line.</summary>
    public override string ToString() => $"cluster {Server}";
}
