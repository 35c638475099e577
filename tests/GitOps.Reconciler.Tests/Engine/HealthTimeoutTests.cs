using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class HealthTimeoutTests
{
    [Fact]
    public async Task A_stuck_rollout_times_out_naming_the_object_and_its_state_and_prunes_nothing()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop")).Write("prod/old.yaml", Yaml.ConfigMap("shop", "old"))
            .Write("prod/front.yaml", Yaml.Deployment("shop", "front-end", "front-end:1", replicas: 3)).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Delete("prod/old.yaml").Write("prod/front.yaml", Yaml.Deployment("shop", "front-end", "front-end:broken", replicas: 3)).Commit("broken");

        var result = await cluster.ReconcileAsync(timeout: TimeSpan.FromSeconds(1));

        Assert.False(result.Succeeded);
        Assert.Equal("1 object(s) did not become healthy within 1s; prune was not run", result.Errors[0]);
        Assert.Matches(@"^Deployment shop/front-end: \d/3 updated replicas available", result.Errors[1]);
        var front = result.Objects.Single(o => o.Ref.Name == "front-end");
        Assert.NotEqual(HealthState.Current, front.Health);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/old"));
        Assert.Contains("v1 ConfigMap shop old", await cluster.InventoryMembersAsync());
    }
}
