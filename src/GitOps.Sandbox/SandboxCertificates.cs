using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GitOps.Sandbox;

/// <summary>
/// The keys of a TLS sandbox, generated when it starts and never written anywhere but the kubeconfig it is asked to
/// write: a private CA, a server certificate for 127.0.0.1 and localhost, and one client certificate (the only
/// credential the TLS sandbox accepts, as a cluster's admin certificate).
/// </summary>
public sealed class SandboxCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private SandboxCertificates(X509Certificate2 authority, X509Certificate2 server, X509Certificate2 client, string clientKeyPem)
    {
        CertificateAuthority = authority;
        Server = server;
        Client = client;
        ClientKeyPem = clientKeyPem;
    }

    /// <summary>The CA that signed the server and client certificates (public part only).</summary>
    public X509Certificate2 CertificateAuthority { get; }

    /// <summary>The server's certificate with its key.</summary>
    internal X509Certificate2 Server { get; }

    /// <summary>The client certificate (public part; its key is <see cref="ClientKeyPem"/>).</summary>
    public X509Certificate2 Client { get; }

    /// <summary>The client certificate's private key, PKCS#8 PEM.</summary>
    public string ClientKeyPem { get; }

    public string CertificateAuthorityPem => CertificateAuthority.ExportCertificatePem();

    public string ClientCertificatePem => Client.ExportCertificatePem();

    /// <summary>Generates a fresh CA, server and client certificate (ECDSA P-256, valid for a week).</summary>
    public static SandboxCertificates Generate()
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=gitops sandbox CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        var (server, _) = Issue(authority, "CN=gitops-sandbox", ServerAuthentication, names, now);

        // As a cluster admin's certificate: the user is the CN, the group the O.
        var (client, clientKey) = Issue(authority, "CN=sandbox-admin, O=system:masters", ClientAuthentication, null, now);
        using (client)
        {
            return new SandboxCertificates(X509CertificateLoader.LoadCertificate(authority.RawData), server, X509CertificateLoader.LoadCertificate(client.RawData), clientKey);
        }
    }

    /// <summary>True when a client certificate was issued by this sandbox's CA and is valid now.</summary>
    internal bool IsTrustedClient(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }

    private static (X509Certificate2 WithKey, string KeyPem) Issue(X509Certificate2 authority, string subject, Oid usage, SubjectAlternativeNameBuilder? names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        using var signed = request.Create(authority, now.AddMinutes(-5), now.AddDays(6), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        // Kestrel wants a certificate whose key it can use on every platform: round-trip through PKCS#12.
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        CertificateAuthority.Dispose();
        Server.Dispose();
        Client.Dispose();
    }
}
