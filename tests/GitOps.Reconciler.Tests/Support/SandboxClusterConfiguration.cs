using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOps.Reconciler.Cluster;
using GitOps.Sandbox;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>
/// The reconciler's configuration for a sandbox, built as the sandbox's own KubernetesClient configuration is (its URL;
/// for a TLS sandbox its CA and client certificate), but without KubernetesClient in between.
/// </summary>
internal static class SandboxClusterConfiguration
{
    public static ClusterConfiguration ClusterConfiguration(this SandboxServer sandbox) => sandbox.Certificates is { } tls
        ? new()
        {
            Server = sandbox.Url.ToString().TrimEnd('/'),
            CertificateAuthorities = [X509CertificateLoader.LoadCertificate(tls.CertificateAuthority.RawData)],
            ClientCertificateData = Convert.ToBase64String(Encoding.UTF8.GetBytes(tls.ClientCertificatePem)),
            ClientKeyData = Convert.ToBase64String(Encoding.UTF8.GetBytes(tls.ClientKeyPem)),
        }
        : new() { Server = sandbox.Url.ToString().TrimEnd('/') };
}
