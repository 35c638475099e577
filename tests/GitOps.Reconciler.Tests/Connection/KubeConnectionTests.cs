using System.Net.Http.Headers;
using System.Text;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Connection;

/// <summary>What KubeConnection takes from a configuration: credentials in KubernetesClient's order, and TLS trust.</summary>
public sealed class KubeConnectionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<AuthenticationHeaderValue?> AuthorizationAsync(ClusterConfiguration configuration)
    {
        using var connection = KubeConnection.Create(configuration);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api");
        await connection.AuthenticateAsync(request, Cancel);
        return request.Headers.Authorization;
    }

    private static async Task<string> VersionAsync(ClusterConfiguration configuration)
    {
        using var api = new KubeApi(KubeConnection.Create(configuration), SandboxCluster.TestRetry);
        return (string)(await api.GetAsync("/version", Cancel))!["gitVersion"]!;
    }

    [Fact]
    public async Task A_token_provider_comes_before_a_static_token_and_is_asked_for_every_request()
    {
        using var directory = new TempDirectory();
        var tokenFile = directory.Combine("token");
        await File.WriteAllTextAsync(tokenFile, "from-file", Cancel);
        var configuration = new ClusterConfiguration { Server = "https://127.0.0.1:1", AccessToken = "static", TokenSource = new TokenFile(tokenFile, TimeProvider.System) };

        Assert.Equal("Bearer from-file", (await AuthorizationAsync(configuration))?.ToString());

        var counting = new CountingTokenSource();
        using var connection = KubeConnection.Create(new ClusterConfiguration { Server = "https://127.0.0.1:1", TokenSource = counting });
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api");
            await connection.AuthenticateAsync(request, Cancel);
            Assert.Equal($"Bearer token-{i + 1}", request.Headers.Authorization?.ToString());
        }
    }

    [Fact]
    public async Task A_static_token_is_a_bearer_and_a_username_with_password_is_basic_authentication()
    {
        Assert.Equal("Bearer abc", (await AuthorizationAsync(new ClusterConfiguration { Server = "https://127.0.0.1:1", AccessToken = "abc", Username = "u" }))?.ToString());
        Assert.Equal(
            $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret"))}",
            (await AuthorizationAsync(new ClusterConfiguration { Server = "https://127.0.0.1:1", Username = "admin", Password = "s3cret" }))?.ToString());
        Assert.Null(await AuthorizationAsync(new ClusterConfiguration { Server = "http://127.0.0.1:1" }));
    }

    [Fact]
    public async Task A_tls_server_name_is_checked_against_the_certificate_instead_of_the_url_host()
    {
        await using var cluster = await SandboxCluster.StartAsync(tls: true);
        var configuration = cluster.Server.ClusterConfiguration();

        // The sandbox's certificate names 127.0.0.1 and localhost.
        Assert.StartsWith("v1.", await VersionAsync(configuration with { TlsServerName = "localhost" }), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<KubeApiException>(() => VersionAsync(configuration with { TlsServerName = "kubernetes.default.svc" }));
        Assert.Contains("is not valid for tls-server-name 'kubernetes.default.svc'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_ca_the_system_trust_decides_unless_verification_is_skipped()
    {
        await using var cluster = await SandboxCluster.StartAsync(tls: true);
        var configuration = cluster.Server.ClusterConfiguration() with { CertificateAuthorities = null };

        var refused = await Assert.ThrowsAsync<KubeApiException>(() => VersionAsync(configuration));
        Assert.Contains("is not trusted by this system, and the configuration names no certificate authority", refused.Message, StringComparison.Ordinal);

        Assert.StartsWith("v1.", await VersionAsync(configuration with { SkipTlsVerify = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_url_that_is_not_http_is_a_configuration_error()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.Create(new ClusterConfiguration { Server = "ftp://example" }));
        Assert.Contains("'ftp://example' is not an http or https URL", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A plugin-like provider that hands out a new token on each call, so each request shows whether it asked.</summary>
    private sealed class CountingTokenSource : IBearerTokenSource
    {
        private int calls;

        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult($"token-{Interlocked.Increment(ref calls)}");
    }
}
