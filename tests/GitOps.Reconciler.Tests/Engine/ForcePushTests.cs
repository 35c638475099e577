using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// One-shot runs refuse a branch tip that does not descend from the commit the inventory records as applied, as the
/// agent does, unless force-pushes are allowed.
/// </summary>
public sealed class ForcePushTests
{
    private const string InventoryPath = "/api/v1/namespaces/gitops-system/configmaps/gitops-prod";

    private static async Task<string?> ValueAsync(SandboxCluster cluster, string name) =>
        (await cluster.GetAsync($"/api/v1/namespaces/default/configmaps/{name}"))?["data"]?["key"]?.GetValue<string>();

    private static string RewriteHistory(SandboxCluster cluster)
    {
        Git.Run(cluster.Repo.WorkPath, "checkout", "--quiet", "--orphan", "rewritten");
        return cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a", "rewritten")).Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit("unrelated history");
    }

    [Fact]
    public async Task A_tip_that_does_not_descend_from_the_applied_commit_is_refused_naming_both_and_nothing_is_written()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var applied = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a", "1")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var inventory = (await cluster.GetAsync(InventoryPath))!.ToJsonString();
        var unrelated = RewriteHistory(cluster);

        var refused = await cluster.ReconcileAsync();

        Assert.False(refused.Succeeded);
        Assert.Equal(unrelated, refused.Commit);
        Assert.Empty(refused.Objects);
        Assert.Equal(
            $"refusing commit {unrelated} of branch 'rendered': branch 'rendered' was force-pushed: {unrelated[..12]} does not descend from the applied {applied[..12]} (use --allow-force-push to accept it)",
            Assert.Single(refused.Errors));
        Assert.Equal("1", await ValueAsync(cluster, "a"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/b"));
        Assert.Equal(inventory, (await cluster.GetAsync(InventoryPath))!.ToJsonString());
        var status = (await cluster.GetAsync(InventoryPath + "-status"))!["data"]!;
        Assert.Equal(("refused", unrelated, applied), (status["lastResult"]!.GetValue<string>(), status["refusedCommit"]!.GetValue<string>(), status["lastAppliedCommit"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_dry_run_of_a_force_pushed_tip_is_refused_too()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a", "1")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        RewriteHistory(cluster);

        var plan = await cluster.ReconcileAsync(dryRun: true);

        Assert.False(plan.Succeeded);
        Assert.Contains("was force-pushed", Assert.Single(plan.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_cache_that_never_saw_the_applied_commit_still_refuses_it_from_the_inventory()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var applied = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a", "1")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var unrelated = RewriteHistory(cluster);

        var refused = await cluster.ReconcileAsync(cacheDirectory: Path.Combine(cluster.Repo.RootPath, "fresh-cache"));

        Assert.False(refused.Succeeded);
        Assert.Contains($"the applied commit {applied[..12]} recorded in the cluster is not in the history of {unrelated[..12]}", Assert.Single(refused.Errors), StringComparison.Ordinal);
        Assert.Equal("1", await ValueAsync(cluster, "a"));
    }

    [Fact]
    public async Task Allow_force_push_applies_the_rewritten_history_and_later_descendants_apply_without_it()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a", "1")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var unrelated = RewriteHistory(cluster);

        var allowed = await cluster.ReconcileAsync(allowForcePush: true);

        Assert.True(allowed.Succeeded, string.Join("\n", allowed.Errors));
        Assert.Equal("rewritten", await ValueAsync(cluster, "a"));
        Assert.Equal(unrelated, (await cluster.GetAsync(InventoryPath))!["metadata"]!["annotations"]!["gitops.io/applied-commit"]!.GetValue<string>());
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a", "next")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        Assert.Equal("next", await ValueAsync(cluster, "a"));
    }
}
