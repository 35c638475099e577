using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// A run killed at any point must leave a state from which the next run converges: nothing lost, nothing wrongly
/// deleted. The kill is simulated by throwing from the reconciler's checkpoint hook at each named point.
/// </summary>
public sealed class CrashConvergenceTests
{
    private sealed class SimulatedCrash(string point) : Exception($"killed at '{point}'");

    public static TheoryData<string> CrashPoints =>
    [
        "inventory grown",
        "applied Namespace extra",
        "applied ConfigMap shop/new",
        "applied ConfigMap extra/thing",
        "applied",
        "healthy",
        "deleted ConfigMap shop/old",
        "deleted Namespace legacy",
        "pruned",
        "inventory shrunk",
    ];

    private static async Task<SandboxCluster> StartWithFirstCommitAsync()
    {
        var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop")).Write("prod/a.yaml", Yaml.ConfigMap("shop", "a"))
            .Write("prod/old.yaml", Yaml.ConfigMap("shop", "old")).Write("prod/legacy.yaml", Yaml.Namespace("legacy"))
            .Write("prod/legacy-cm.yaml", Yaml.ConfigMap("legacy", "cm")).Write("prod/web.yaml", Yaml.Deployment("shop", "web", "web:1"))
            .Commit("first");
        var first = await cluster.ReconcileAsync();
        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        return cluster;
    }

    private static void WriteSecondCommit(SandboxCluster cluster) =>
        cluster.Repo.Delete("prod/old.yaml").Delete("prod/legacy.yaml").Delete("prod/legacy-cm.yaml")
            .Write("prod/a.yaml", Yaml.ConfigMap("shop", "a", value: "v2")).Write("prod/new.yaml", Yaml.ConfigMap("shop", "new"))
            .Write("prod/extra.yaml", Yaml.Namespace("extra") + "---\n" + Yaml.ConfigMap("extra", "thing"))
            .Commit("second");

    private static Action<string> CrashAt(string point) => p =>
    {
        if (p == point)
        {
            throw new SimulatedCrash(p);
        }
    };

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_run_killed_at_any_point_converges_on_the_next_run(string crashPoint)
    {
        await using var cluster = await StartWithFirstCommitAsync();
        WriteSecondCommit(cluster);

        await Assert.ThrowsAsync<SimulatedCrash>(() => cluster.ReconcileAsync(checkpoint: CrashAt(crashPoint)));
        Assert.NotNull(await cluster.GetAsync("/apis/apps/v1/namespaces/shop/deployments/web"));
        var rerun = await cluster.ReconcileAsync();

        Assert.True(rerun.Succeeded, string.Join("\n", rerun.Errors));
        Assert.Equal("v2", (await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"))!["data"]!["key"]!.GetValue<string>());
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/new"));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/extra/configmaps/thing"));
        Assert.NotNull(await cluster.GetAsync("/apis/apps/v1/namespaces/shop/deployments/web"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/old"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/legacy"));
        Assert.Equal(
            ["apps/v1 Deployment shop web", "v1 ConfigMap extra thing", "v1 ConfigMap shop a", "v1 ConfigMap shop new", "v1 Namespace - extra", "v1 Namespace - shop"],
            await cluster.InventoryMembersAsync());
    }

    [Fact]
    public async Task An_object_created_by_a_killed_run_is_pruned_when_a_later_commit_drops_it()
    {
        await using var cluster = await StartWithFirstCommitAsync();
        WriteSecondCommit(cluster);
        await Assert.ThrowsAsync<SimulatedCrash>(() => cluster.ReconcileAsync(checkpoint: CrashAt("applied ConfigMap shop/new")));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/new"));

        cluster.Repo.Delete("prod/new.yaml").Commit("third: new never happened");
        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/new"));
        Assert.Contains(result.Objects, o => o.Ref.Name == "new" && o.Action == ObjectAction.Pruned);
    }
}
