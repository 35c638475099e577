using GitOps.Reconciler.Source;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Source;

/// <summary>Reconcilers that share a cache directory take turns on each cache repository and never corrupt it.</summary>
public sealed class GitCacheLockTests
{
    private static string ConfigMap(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: default\n";

    [Fact]
    public async Task A_fetch_waits_while_another_process_holds_the_cache_lock_and_then_reads_the_branch()
    {
        using var repo = new RenderedRepo();
        repo.Write("prod/a.yaml", ConfigMap("a"));
        var sha = repo.Commit();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = GitCacheLock.Acquire(GitSource.RepositoryDirectory(repo.BarePath, repo.CacheDirectory));

        var fetch = Task.Run(() => GitSource.Fetch(repo.BarePath, "rendered", "prod", repo.CacheDirectory, null, waitingForLock: waiting.SetResult), TestContext.Current.CancellationToken);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.False(fetch.IsCompleted);
        held.Dispose();
        var snapshot = await fetch.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(sha, snapshot.CommitSha);
    }

    [Fact]
    public async Task Two_reconcilers_and_concurrent_fetches_sharing_a_cache_directory_all_succeed_and_leave_it_consistent()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", ConfigMap("a")).Write("staging/b.yaml", ConfigMap("b"));
        var sha = cluster.Repo.Commit();

        // Both start with an empty cache, so they also race to create the cache repository.
        var fetches = Enumerable.Range(0, 10).Select(_ => Task.Run(() => GitSource.Fetch(cluster.Repo.BarePath, "rendered", "prod", cluster.Repo.CacheDirectory, null).CommitSha));
        var reconciles = new[] { "prod", "staging" }.Select(path => Task.Run(() => cluster.ReconcileAsync(path: path)));
        var results = await Task.WhenAll(reconciles);
        var fetched = await Task.WhenAll(fetches);

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.All(results, r => Assert.Equal(sha, r.Commit));
        Assert.All(fetched, f => Assert.Equal(sha, f));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/a"));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/b"));
        var cache = GitSource.RepositoryDirectory(cluster.Repo.BarePath, cluster.Repo.CacheDirectory);
        Git.Run(cache, "fsck", "--strict", "--no-dangling");
        Assert.Equal(sha, Git.Run(cache, "rev-parse", "refs/remotes/origin/rendered"));
    }
}
