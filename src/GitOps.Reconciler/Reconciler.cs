using System.Diagnostics;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.Source;
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
    /// Reconciles once, loading the cluster configuration while the branch is fetched: KubernetesClient's first
    /// kubeconfig load is slow (its YAML layer initialises for every model), and a cold CLI run should not wait twice.
    /// </summary>
    public static async Task<ReconcileResult> RunAsync(ReconcileOptions options, Func<KubernetesClientConfiguration> loadCluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        PhaseTimer.Mark("reconcile start");
        var clusterLoading = Task.Run(() =>
        {
            var configuration = loadCluster();
            PhaseTimer.Mark("cluster configuration loaded");
            return configuration;
        }, cancellationToken);
        ReconcileResult result;
        var fetched = TimeSpan.Zero;
        try
        {
            var snapshot = await Task.Run(
                () => GitSource.Fetch(options.RepositoryUrl, options.Branch, options.Path, options.CacheDirectory, options.Credentials),
                cancellationToken);
            fetched = Stopwatch.GetElapsedTime(started);
            PhaseTimer.Mark("fetched");
            if (options.Signatures is { } policy)
            {
                // Checked before the cluster is touched, so a refused commit applies nothing and leaves the inventory as it was.
                var repositoryDirectory = GitSource.RepositoryDirectory(options.RepositoryUrl, options.CacheDirectory);
                var verdict = await new CommitSignatureVerifier(policy).VerifyAsync(repositoryDirectory, snapshot.CommitSha, cancellationToken);
                if (!verdict.IsGood)
                {
                    var refusal = $"refusing commit {snapshot.CommitSha} of branch '{options.Branch}': signature refused: {verdict.Message}";
                    return new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Commit = snapshot.CommitSha, Errors = [refusal], Duration = Stopwatch.GetElapsedTime(started), FetchDuration = fetched };
                }
            }

            var configuration = await clusterLoading;
            PhaseTimer.Mark("cluster configuration awaited");
            using var api = new KubeApi(new Kubernetes(configuration), options.Retry);
            PhaseTimer.Mark("client created");
            var run = new ReconcileRun(options, api, snapshot);
            try
            {
                result = await run.ExecuteAsync(cancellationToken);
            }
            catch (Exception e) when (e is ReconcileException or KubeApiException)
            {
                result = run.Result(succeeded: false, e.Message);
            }
        }
        catch (ReconcileException e)
        {
            result = new ReconcileResult { Succeeded = false, DryRun = options.DryRun, Errors = [e.Message] };
        }

        return result with { Duration = Stopwatch.GetElapsedTime(started), FetchDuration = fetched };
    }
}
