using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class PruneGuardTests
{
    private static async Task<SandboxCluster> StartWithFourObjectsAsync()
    {
        var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop"));
        foreach (var name in new[] { "a", "b", "c" })
        {
            cluster.Repo.Write($"prod/{name}.yaml", Yaml.ConfigMap("shop", name));
        }

        cluster.Repo.Commit("four objects");
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        return cluster;
    }

    [Fact]
    public async Task Pruning_more_than_half_the_inventory_is_refused_naming_the_count_and_nothing_changes()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        cluster.Repo.Delete("prod/a.yaml").Delete("prod/b.yaml").Delete("prod/c.yaml").Write("prod/d.yaml", Yaml.ConfigMap("shop", "d")).Commit("mass delete");

        var result = await cluster.ReconcileAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("refusing to prune 3 of 4 inventory objects (75%, above the 50% threshold) without --allow-mass-prune", Assert.Single(result.Errors));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/d"));
    }

    [Fact]
    public async Task Allow_mass_prune_lets_the_same_change_through()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        cluster.Repo.Delete("prod/a.yaml").Delete("prod/b.yaml").Delete("prod/c.yaml").Commit("mass delete");

        var result = await cluster.ReconcileAsync(allowMassPrune: true);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Count(ObjectAction.Pruned));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));
    }

    [Fact]
    public async Task An_empty_desired_set_never_prunes_everything_without_allow_empty()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        cluster.Repo.DeleteDirectory("prod");
        cluster.Repo.Write("prod/README.md", "nothing here").Commit("emptied");

        var refused = await cluster.ReconcileAsync();
        Assert.False(refused.Succeeded);
        Assert.Equal("the desired set at 'prod' is empty: refusing to prune all 4 objects of the inventory without --allow-empty", Assert.Single(refused.Errors));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));

        var allowed = await cluster.ReconcileAsync(allowEmpty: true);
        Assert.True(allowed.Succeeded, string.Join("\n", allowed.Errors));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop"));
        Assert.Empty(await cluster.InventoryMembersAsync());
    }

    [Fact]
    public async Task Objects_marked_prune_disabled_are_left_in_place_and_dropped_from_the_inventory()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        await cluster.MergePatchAsync("/api/v1/namespaces/shop/configmaps/a", """{"metadata":{"annotations":{"gitops.io/prune":"disabled"}}}""");
        cluster.Repo.Delete("prod/a.yaml").Commit("drop a");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var a = result.Objects.Single(o => o.Ref.Name == "a");
        Assert.Equal(ObjectAction.PruneSkipped, a.Action);
        Assert.Equal("gitops.io/prune: disabled", a.Message);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));
        Assert.DoesNotContain("v1 ConfigMap shop a", await cluster.InventoryMembersAsync());
    }

    [Fact]
    public async Task An_object_no_longer_labelled_as_a_member_is_not_pruned()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        await cluster.MergePatchAsync("/api/v1/namespaces/shop/configmaps/b", """{"metadata":{"labels":{"applyset.kubernetes.io/part-of":null}}}""");
        cluster.Repo.Delete("prod/b.yaml").Commit("drop b");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(ObjectAction.PruneSkipped, result.Objects.Single(o => o.Ref.Name == "b").Action);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/b"));
    }

    [Fact]
    public async Task No_prune_applies_but_keeps_removed_objects_in_the_inventory_for_a_later_prune()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        cluster.Repo.Delete("prod/c.yaml").Commit("drop c");

        var kept = await cluster.ReconcileAsync(prune: false);
        Assert.True(kept.Succeeded, string.Join("\n", kept.Errors));
        Assert.Equal(ObjectAction.PruneSkipped, kept.Objects.Single(o => o.Ref.Name == "c").Action);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/c"));

        var pruned = await cluster.ReconcileAsync();
        Assert.Equal(ObjectAction.Pruned, pruned.Objects.Single(o => o.Ref.Name == "c").Action);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/c"));
    }

    [Fact]
    public async Task Prune_waits_for_finalizers_up_to_the_timeout_and_keeps_the_object_in_the_inventory()
    {
        await using var cluster = await StartWithFourObjectsAsync();
        await cluster.MergePatchAsync("/api/v1/namespaces/shop/configmaps/c", """{"metadata":{"finalizers":["example.com/hold"]}}""");
        cluster.Repo.Delete("prod/c.yaml").Commit("drop c");

        var stuck = await cluster.ReconcileAsync(timeout: TimeSpan.FromMilliseconds(500));

        Assert.False(stuck.Succeeded);
        Assert.Equal("ConfigMap shop/c: deletion did not finish before the timeout; finalizers: [example.com/hold]", stuck.Errors[^1]);
        Assert.Contains("v1 ConfigMap shop c", await cluster.InventoryMembersAsync());

        await cluster.MergePatchAsync("/api/v1/namespaces/shop/configmaps/c", """{"metadata":{"finalizers":null}}""");
        var done = await cluster.ReconcileAsync();
        Assert.True(done.Succeeded, string.Join("\n", done.Errors));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/c"));
        Assert.DoesNotContain("v1 ConfigMap shop c", await cluster.InventoryMembersAsync());
    }
}
