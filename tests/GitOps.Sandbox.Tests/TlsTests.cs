using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOps.Sandbox.Tests.Support;
using k8s;

namespace GitOps.Sandbox.Tests;

/// <summary>The opt-in TLS sandbox: HTTPS from a generated CA, client certificates required, as a real cluster's API server.</summary>
public sealed class TlsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A client that trusts only the sandbox CA, presenting <paramref name="clientCertificate"/> if any.</summary>
    private static HttpClient Client(SandboxServer server, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(server.Certificates!.CertificateAuthority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 presented && chain.Build(presented);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler) { BaseAddress = server.Url };
    }

    private static X509Certificate2 WithKey(string certificatePem, string keyPem)
    {
        using var fromPem = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task Kubectl_lists_namespaces_with_the_kubeconfig_the_tls_sandbox_writes()
    {
        await using var session = await SandboxSession.StartAsync(new SandboxOptions { Tls = true });

        var namespaces = (await session.Kubectl.RunAsync("get", "ns", "-o", "name")).EnsureSuccess().Stdout;

        Assert.StartsWith("https://127.0.0.1:", session.Server.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("namespace/kube-system", namespaces, StringComparison.Ordinal);
        var kubeconfig = await File.ReadAllTextAsync(session.Kubeconfig, Cancel);
        Assert.Contains("certificate-authority-data: ", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("client-certificate-data: ", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("client-key-data: ", kubeconfig, StringComparison.Ordinal);
        Assert.DoesNotContain("token:", kubeconfig, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            // It holds the client key.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(session.Kubeconfig));
        }

    }

    [Fact]
    public async Task KubernetesClient_with_the_sandbox_configuration_is_served()
    {
        await using var session = await SandboxSession.StartAsync(new SandboxOptions { Tls = true });

        var namespaces = await session.Client.CoreV1.ListNamespaceAsync(cancellationToken: Cancel);

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_and_one_with_the_generated_certificate_is_served()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Tls = true }, Cancel);
        var tls = server.Certificates!;

        using (var anonymous = Client(server, null))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.GetAsync("api/v1/namespaces", Cancel));
        }

        using var admin = Client(server, WithKey(tls.ClientCertificatePem, tls.ClientKeyPem));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/namespaces", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Tls = true }, Cancel);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sandbox-admin, O=system:masters", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        using var impostor = Client(server, X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => impostor.GetAsync("api/v1/namespaces", Cancel));
    }
}
