using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>Unchanged objects skip the dry run only when nothing about them moved; any drift is still found and fixed.</summary>
public sealed class NoOpDetectionTests
{
    [Fact]
    public async Task A_value_changed_by_another_client_is_reported_configured_and_restored_on_the_next_run()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        await cluster.MergePatchAsync("/api/v1/namespaces/default/configmaps/a", """{"data":{"key":"drifted"}}""");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var a = result.Objects.Single(o => o.Ref.Name == "a");
        Assert.Equal(ObjectAction.Configured, a.Action);
        Assert.Equal(["data.key"], a.ChangedFields);
        Assert.Equal(ObjectAction.Unchanged, result.Objects.Single(o => o.Ref.Name == "b").Action);
        Assert.Equal("v1", (await cluster.GetAsync("/api/v1/namespaces/default/configmaps/a"))!["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secrets_written_with_string_data_are_recognised_as_unchanged()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/s.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: default\nstringData:\n  password: hunter2\n").Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);

        var result = await cluster.ReconcileAsync();

        Assert.Equal(ObjectAction.Unchanged, Assert.Single(result.Objects).Action);
    }

    [Fact]
    public async Task A_no_op_run_writes_no_inventory_while_a_new_commit_still_records_its_members()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        // Any write of the inventory would now fail the run.
        cluster.Server.Faults.FailNext(100, "PATCH", "/configmaps/gitops-prod", 403);

        var noop = await cluster.ReconcileAsync();

        Assert.True(noop.Succeeded, string.Join("\n", noop.Errors));
        var sha = cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        Assert.False((await cluster.ReconcileAsync()).Succeeded);
        cluster.Server.Faults.Clear();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        Assert.Equal(["v1 ConfigMap default a", "v1 ConfigMap default b"], await cluster.InventoryMembersAsync());
        var inventory = await cluster.GetAsync($"/api/v1/namespaces/{cluster.InventoryNamespace}/configmaps/gitops-prod");
        Assert.Equal(sha, inventory!["metadata"]!["annotations"]!["gitops.io/applied-commit"]!.GetValue<string>());
    }
}
