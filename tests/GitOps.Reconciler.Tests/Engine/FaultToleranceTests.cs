using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class FaultToleranceTests
{
    private static void WriteApp(SandboxCluster cluster) =>
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop")).Write("prod/a.yaml", Yaml.ConfigMap("shop", "a"))
            .Write("prod/b.yaml", Yaml.ConfigMap("shop", "b")).Write("prod/web.yaml", Yaml.Deployment("shop", "web", "web:1"));

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Server_errors_during_apply_are_retried_until_the_run_succeeds(int status)
    {
        await using var cluster = await SandboxCluster.StartAsync();
        WriteApp(cluster);
        cluster.Repo.Commit();

        // Injected once the dry run is over, so the faults hit the real apply.
        var result = await cluster.ReconcileAsync(checkpoint: point =>
        {
            if (point == "inventory grown")
            {
                cluster.Server.Faults.FailNext(3, "PATCH", "/configmaps/", status, status == 429 ? TimeSpan.FromMilliseconds(100) : null);
            }
        });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/b"));
    }

    [Fact]
    public async Task Dropped_connections_during_apply_and_prune_are_retried()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        WriteApp(cluster);
        cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync(checkpoint: point =>
        {
            if (point == "inventory grown")
            {
                cluster.Server.Faults.DropNext(2, "PATCH", "/deployments/web");
            }
        })).Succeeded);
        cluster.Repo.Delete("prod/b.yaml").Commit("drop b");
        cluster.Server.Faults.DropNext(2, "DELETE", "/configmaps/b");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/b"));
    }

    [Fact]
    public async Task Server_errors_during_prune_are_retried()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        WriteApp(cluster);
        cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Delete("prod/b.yaml").Commit("drop b");
        cluster.Server.Faults.FailNext(2, "DELETE", "/configmaps/b", 500);
        cluster.Server.Faults.FailNext(1, "DELETE", "/configmaps/b", 429, TimeSpan.FromMilliseconds(50));

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(ObjectAction.Pruned, result.Objects.Single(o => o.Ref.Name == "b").Action);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/b"));
    }

    [Fact]
    public async Task A_persistent_apply_failure_stops_the_run_without_pruning_and_the_next_run_converges()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        WriteApp(cluster);
        cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Delete("prod/b.yaml").Write("prod/c.yaml", Yaml.ConfigMap("shop", "c")).Commit("b -> c");

        var failed = await cluster.ReconcileAsync(checkpoint: point =>
        {
            if (point == "inventory grown")
            {
                cluster.Server.Faults.FailNext(1000, "PATCH", "/configmaps/c", 500);
            }
        });

        Assert.False(failed.Succeeded);
        Assert.Contains("gave up after 6 attempts: 500", Assert.Single(failed.Errors), StringComparison.Ordinal);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/b"));

        cluster.Server.Faults.Clear();
        var converged = await cluster.ReconcileAsync();

        Assert.True(converged.Succeeded, string.Join("\n", converged.Errors));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/b"));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/c"));
    }
}
