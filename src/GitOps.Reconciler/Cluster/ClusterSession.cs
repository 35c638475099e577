using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// The cluster side of a run that does not depend on the commit - loading the configuration, creating the client,
/// reading discovery - started while the branch is fetched, so a cold process does not pay for both in a row.
/// Discovery only reads; a commit refused afterwards (signatures) still leaves the cluster untouched.
/// </summary>
internal sealed class ClusterSession : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping;

    private ClusterSession(Func<ClusterConfiguration> loadCluster, RetryPolicy retry, DiscoveryCacheSettings? cacheSettings, CancellationToken cancellationToken)
    {
        stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Api = Task.Run(() =>
        {
            var configuration = loadCluster();
            PhaseTimer.Mark("cluster configuration loaded");
            if (cacheSettings is not null && configuration.Server is { Length: > 0 } host)
            {
                DiscoveryCache = new DiscoveryCache(cacheSettings.Directory, host, cacheSettings.TimeToLive);
            }

            // Client certificate data that does not decode fails here as a configuration error.
            var api = new KubeApi(KubeConnection.Create(configuration), retry);
            PhaseTimer.Mark("client created");
            return api;
        }, stopping.Token);
        Discovery = Task.Run(async () =>
        {
            var api = await Api;
            var resources = DiscoveryCache is { } cache
                ? await cache.ReadOrDiscoverAsync(api, stopping.Token)
                : await ApiResources.DiscoverAsync(api, stopping.Token);
            PhaseTimer.Mark(resources.FromCache ? "discovery read from cache" : "discovered");
            return resources;
        }, stopping.Token);
    }

    /// <summary>The client; faults with the configuration error (for example a missing kubeconfig) when loading failed.</summary>
    public Task<KubeApi> Api { get; }

    /// <summary>The on-disk discovery cache for this server; null when disabled. Set once <see cref="Api"/> completed.</summary>
    public DiscoveryCache? DiscoveryCache { get; private set; }

    /// <summary>Discovery, read once the client exists; faults with the API error when the cluster does not answer.</summary>
    public Task<ApiResources> Discovery { get; }

    public static ClusterSession Start(Func<ClusterConfiguration> loadCluster, RetryPolicy retry, DiscoveryCacheSettings? cacheSettings, CancellationToken cancellationToken) =>
        new(loadCluster, retry, cacheSettings, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // A run that ended early (failed fetch, refused commit) stops discovery before the client goes away.
        await stopping.CancelAsync();
        // Waits without rethrowing: a failure here was already reported by the run, or no longer matters.
        await Task.WhenAny(Discovery);

        if (Api.IsCompletedSuccessfully)
        {
            Api.Result.Dispose();
        }

        stopping.Dispose();
    }
}
