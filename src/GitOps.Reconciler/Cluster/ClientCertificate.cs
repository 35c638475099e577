using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GitOps.Reconciler.Cluster;

/// <summary>The client certificate a configuration names (PEM data or files, as kubeconfig's client-certificate[-data] and client-key[-data]).</summary>
internal static class ClientCertificate
{
    /// <summary>Null when the configuration names no certificate and key; throws the decoding error when they cannot be used.</summary>
    public static X509Certificate2? Load(ClusterConfiguration configuration)
    {
        var certificate = Pem(configuration.ClientCertificateData, configuration.ClientCertificateFile);
        var key = Pem(configuration.ClientKeyData, configuration.ClientKeyFile);
        if (certificate is null || key is null)
        {
            return null;
        }

        using var fromPem = X509Certificate2.CreateFromPem(certificate, key);
        // A certificate with its key loaded from PKCS#12 works with SslStream on every platform (an ephemeral PEM key does not everywhere).
        return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
    }

    private static string? Pem(string? base64Data, string? file) =>
        base64Data is { Length: > 0 } ? Encoding.UTF8.GetString(Convert.FromBase64String(base64Data))
        : file is { Length: > 0 } ? File.ReadAllText(file)
        : null;
}
