using System.Diagnostics;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Inventory;
using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.Status;

namespace GitOps.Reconciler;

/// <summary>Runs one reconcile: fetch the branch, check every manifest, apply in order, wait for health, prune.</summary>
public static class Reconciler
{
    /// <summary>
    /// Reconciles once. Problems the user can act on (bad manifests, unknown kinds, unhealthy objects, refused
    /// prunes, API errors that retries could not overcome) come back as a failed result, not as an exception.
    /// </summary>
    public static Task<ReconcileResult> RunAsync(ReconcileOptions options, ClusterConfiguration cluster, CancellationToken cancellationToken = default) =>
        RunAsync(options, () => cluster, cancellationToken);

    /// <summary>
    /// Reconciles once, loading the cluster configuration and reading discovery while the branch is fetched, so a cold
    /// CLI run does not wait for both in a row.
    /// </summary>
    public static async Task<ReconcileResult> RunAsync(ReconcileOptions options, Func<ClusterConfiguration> loadCluster, CancellationToken cancellationToken = default)
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
        var outcome = RunOutcome.Failed;
        var fetched = TimeSpan.Zero;
        SourceSnapshot? snapshot = null;
        try
        {
            snapshot = await Task.Run(
                () => GitSource.Fetch(options.RepositoryUrl, options.Branch, options.Path, options.CacheDirectory, options.Credentials, caFile: options.GitCaFile),
                cancellationToken);
            fetched = Stopwatch.GetElapsedTime(started);
            PhaseTimer.Mark("fetched");
            var repositoryDirectory = GitSource.RepositoryDirectory(options.RepositoryUrl, options.CacheDirectory);
            if (options.Signatures is { } policy)
            {
                // Checked before anything is written to the cluster (discovery only reads), so a refused commit applies
                // nothing and leaves the inventory as it was.
                var verdict = await new CommitSignatureVerifier(policy).VerifyAsync(repositoryDirectory, snapshot.CommitSha, cancellationToken);
                if (!verdict.IsGood)
                {
                    var refusal = $"refusing commit {snapshot.CommitSha} of branch '{options.Branch}': signature refused: {verdict.Message}";
                    outcome = RunOutcome.Refused;
                    return await FinishAsync(options, cluster, prefetch, outcome, new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Commit = snapshot.CommitSha, Errors = [refusal] }, started, fetched, cancellationToken);
                }
            }

            var api = await cluster.Api;
            var verified = await prefetch.Verified;
            var pinned = snapshot;

            // Once the inventory is read, before anything is written: the tip must descend from the applied commit.
            Func<InventoryState, string?> admission = previous => options.AllowForcePush ? null
                : ForcePushCheck.Refusal(repositoryDirectory, options.Branch, previous.AppliedCommit, pinned.CommitSha) is { } reason
                    ? $"refusing commit {pinned.CommitSha} of branch '{options.Branch}': {reason}"
                    : null;
            ReconcileRun NewRun(Task<ApiResources> resources, LivePrefetch? early) =>
                new(options, api, pinned, resources, cluster.DiscoveryCache, early, verified) { Admission = admission };
            var run = NewRun(cluster.Discovery, prefetch);
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
                run = NewRun(cache.RefreshAsync(api, cancellationToken), early: null);
                result = await ExecuteReportingFailureAsync(run, cancellationToken);
            }
            catch (Exception e) when (e is ReconcileException or KubeApiException)
            {
                result = run.Result(succeeded: false, e.Message);
            }

            outcome = result.Succeeded ? RunOutcome.Applied : RunOutcome.Failed;
            if (!options.DryRun)
            {
                // Holds only what successful runs verified; written when that changed.
                verified.Save();
            }
        }
        catch (CommitRefusedException e)
        {
            outcome = RunOutcome.Refused;
            result = new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Commit = snapshot?.CommitSha, Errors = [e.Message] };
        }
        catch (ReconcileException e)
        {
            outcome = snapshot is null ? RunOutcome.FetchFailed : RunOutcome.Failed;
            result = new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Commit = snapshot?.CommitSha, Errors = [e.Message] };
        }
        finally
        {
            // A run that ended early (failed fetch, refused commit) stops the early reads before the client goes away.
            await stopPrefetch.CancelAsync();
            await prefetch.WhenSettledAsync();
        }

        return await FinishAsync(options, cluster, prefetch, outcome, result, started, fetched, cancellationToken);
    }

    private static async Task<ReconcileResult> ExecuteReportingFailureAsync(ReconcileRun run, CancellationToken cancellationToken)
    {
        try
        {
            return await run.ExecuteAsync(cancellationToken);
        }
        catch (Exception e) when (e is ReconcileException or KubeApiException)
        {
            return run.Result(succeeded: false, e.Message);
        }
    }

    /// <summary>
    /// Records the run in the cluster as the agent records its cycles (not for a dry run, which writes nothing), then
    /// stamps the durations.
    /// </summary>
    private static async Task<ReconcileResult> FinishAsync(ReconcileOptions options, ClusterSession cluster, LivePrefetch prefetch, RunOutcome outcome, ReconcileResult result, long started, TimeSpan fetched, CancellationToken cancellationToken)
    {
        if (!options.DryRun && await ReachableApiAsync(cluster) is { } api)
        {
            var warnings = await OneShotReport.RecordAsync(options, api, outcome, result, prefetch.Status, cancellationToken);
            PhaseTimer.Mark("outcome recorded");
            result = result with { Warnings = [.. result.Warnings, .. warnings] };
        }

        return result with { Duration = Stopwatch.GetElapsedTime(started), FetchDuration = fetched };
    }

    /// <summary>The client, or null when the cluster configuration could not be loaded (the run reported its own error first).</summary>
    private static async Task<KubeApi?> ReachableApiAsync(ClusterSession cluster)
    {
        try
        {
            return await cluster.Api;
        }
        catch (Exception e) when (e is KubeconfigException or ReconcileException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            return null;
        }
    }
}
