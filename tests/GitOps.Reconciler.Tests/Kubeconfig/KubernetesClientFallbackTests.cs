using System.Net.Http.Headers;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Tests.Support;
using k8s;
using k8s.Authentication;

namespace GitOps.Reconciler.Tests.Kubeconfig;

/// <summary>What KubernetesClient's loader produced for a plugin kubeconfig must mean the same once converted to ours.</summary>
public sealed class KubernetesClientFallbackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_converted_tls_configuration_trusts_the_same_ca_and_presents_the_same_client_certificate()
    {
        await using var cluster = await SandboxCluster.StartAsync(tls: true);

        var configuration = KubernetesClientFallback.Convert(cluster.Server.ClientConfiguration());

        using var api = new KubeApi(KubeConnection.Create(configuration), SandboxCluster.TestRetry);
        Assert.StartsWith("v1.", (string?)(await api.GetAsync("/version", Cancel))!["gitVersion"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_converted_token_provider_is_asked_for_every_request_and_comes_before_a_static_token()
    {
        var provider = new CountingTokenProvider();
        var configuration = KubernetesClientFallback.Convert(new KubernetesClientConfiguration { Host = "https://127.0.0.1:1", AccessToken = "first", TokenProvider = provider });

        using var connection = KubeConnection.Create(configuration);
        var sent = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api");
            await connection.AuthenticateAsync(request, Cancel);
            sent.Add(request.Headers.Authorization?.ToString());
        }

        Assert.Equal(["Bearer plugin-1", "Bearer plugin-2"], sent);
    }

    /// <summary>A plugin-like provider that hands out a new token on each call.</summary>
    private sealed class CountingTokenProvider : ITokenProvider
    {
        private int calls;

        public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new AuthenticationHeaderValue("Bearer", $"plugin-{Interlocked.Increment(ref calls)}"));
    }
}
