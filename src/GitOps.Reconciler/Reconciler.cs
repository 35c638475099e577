using System.Diagnostics;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Inventory;
using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.Status;
using k8s;

namespace GitOps.Reconciler;

/// <summary>Runs one reconcile: fetch the branch, check every manifest, apply in order, wait for health, prune.</summary>
public static class Reconciler
{
    /// <summary>
    /// Reconciles once. Problems the user can act on (bad manifests, unknown kinds, unhealthy objects, refused
    /// prunes, API errors that retries could not overcome) come back as a failed result, not as an exception.
    /// </summary>
    public static Task<ReconcileResult> RunAsync(ReconcileOptions options, KubernetesClientConfiguration cluster, CancellationToken cancellationToken = default) =>
        RunAsync(options, () => cluster, cancellationToken);

    /// <summary>
    /// Reconciles once, loading the cluster configuration and reading discovery while the branch is fetched, so a cold
    /// CLI run does not wait for both in a row.
    /// </summary>
    public static async Task<ReconcileResult> RunAsync(ReconcileOptions options, Func<KubernetesClientConfiguration> loadCluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        PhaseTimer.Mark("reconcile start");
        await using var cluster = ClusterSession.Start(
            loadCluster,
            options.Retry,
            options.DiscoveryCacheTtl is { } ttl ? new DiscoveryCacheSettings(options.CacheDirectory, ttl) : null,
            cancellationToken);
        // The inventory and the live objects it records are read while the branch is fetched (reads only).
        using var stopPrefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prefetch = LivePrefetch.Start(cluster.Api, cluster.Discovery, options, stopPrefetch.Token);
        ReconcileResult result;
        var fetched = TimeSpan.Zero;
        try
        {
            var snapshot = await Task.Run(
                () => GitSource.Fetch(options.RepositoryUrl, options.Branch, options.Path, options.CacheDirectory, options.Credentials, caFile: options.GitCaFile),
                cancellationToken);
            fetched = Stopwatch.GetElapsedTime(started);
            PhaseTimer.Mark("fetched");
            if (options.Signatures is { } policy)
            {
                // Checked before anything is written to the cluster (discovery only reads), so a refused commit applies
                // nothing and leaves the inventory as it was.
                var repositoryDirectory = GitSource.RepositoryDirectory(options.RepositoryUrl, options.CacheDirectory);
                var verdict = await new CommitSignatureVerifier(policy).VerifyAsync(repositoryDirectory, snapshot.CommitSha, cancellationToken);
                if (!verdict.IsGood)
                {
                    var refusal = $"refusing commit {snapshot.CommitSha} of branch '{options.Branch}': signature refused: {verdict.Message}";
                    var errors = new List<string> { refusal };
                    if (!options.DryRun && await RecordRefusalAsync(options, await cluster.Api, snapshot.CommitSha, refusal, cancellationToken) is { } notRecorded)
                    {
                        errors.Add(notRecorded);
                    }

                    return new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Commit = snapshot.CommitSha, Errors = errors, Duration = Stopwatch.GetElapsedTime(started), FetchDuration = fetched };
                }
            }

            var api = await cluster.Api;
            var verified = await prefetch.Verified;
            var run = new ReconcileRun(options, api, snapshot, cluster.Discovery, cluster.DiscoveryCache, prefetch, verified);
            try
            {
                result = await run.ExecuteAsync(cancellationToken);
            }
            catch (KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound && cluster.DiscoveryCache is { } cache && cluster.Discovery is { IsCompletedSuccessfully: true, Result.FromCache: true })
            {
                // A path the cached discovery claimed is gone (an API removed or re-versioned): read discovery afresh and
                // run once more, which then names the objects of a kind the cluster no longer serves. Safe to repeat:
                // the inventory already holds whatever the first attempt applied, and applying is idempotent.
                PhaseTimer.Mark($"discovery stale ({e.Message}); refreshing and running again");
                try
                {
                    var fresh = await cache.RefreshAsync(api, cancellationToken);
                    run = new ReconcileRun(options, api, snapshot, Task.FromResult(fresh), cache, prefetch: null, verified);
                    result = await run.ExecuteAsync(cancellationToken);
                }
                catch (Exception again) when (again is ReconcileException or KubeApiException)
                {
                    result = run.Result(succeeded: false, again.Message);
                }
            }
            catch (Exception e) when (e is ReconcileException or KubeApiException)
            {
                result = run.Result(succeeded: false, e.Message);
            }

            if (!options.DryRun)
            {
                // Holds only what successful runs verified; written when that changed.
                verified.Save();
            }
        }
        catch (ReconcileException e)
        {
            result = new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Errors = [e.Message] };
        }
        finally
        {
            // A run that ended early (failed fetch, refused commit) stops the early reads before the client goes away.
            await stopPrefetch.CancelAsync();
            await prefetch.WhenSettledAsync();
        }

        return result with { Duration = Stopwatch.GetElapsedTime(started), FetchDuration = fetched };
    }

    /// <summary>
    /// Records a refused commit in the status ConfigMap next to the inventory, as the agent does; the inventory itself
    /// is not touched. Returns why it could not be recorded, or null.
    /// </summary>
    private static async Task<string?> RecordRefusalAsync(ReconcileOptions options, KubeApi api, string commit, string refusal, CancellationToken cancellationToken)
    {
        var inventory = new InventoryStore(api, options.InventoryNamespace, options.EffectiveInventoryName);
        try
        {
            await inventory.EnsureNamespaceAsync(cancellationToken);
            await new ClusterStatusStore(api, options.InventoryNamespace, options.EffectiveInventoryName).RecordRefusalAsync(commit, refusal, options.Path, cancellationToken);
            return null;
        }
        catch (KubeApiException e)
        {
            return $"could not record the refusal in ConfigMap {options.InventoryNamespace}/{StatusKeys.ConfigMapName(options.EffectiveInventoryName)}: {e.Message}";
        }
    }
}
