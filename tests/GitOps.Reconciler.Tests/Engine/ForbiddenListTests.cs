using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// Credentials scoped to namespaces may not LIST across all of them: the reconciler then reads live state with one LIST
/// per namespace, and still sees every object and every drift.
/// </summary>
public sealed class ForbiddenListTests
{
    [Fact]
    public async Task When_listing_across_all_namespaces_is_forbidden_live_objects_are_read_per_namespace_and_drift_is_still_found()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("team-a") + "---\n" + Yaml.Namespace("team-b"))
            .Write("prod/a.yaml", Yaml.ConfigMap("team-a", "settings"))
            .Write("prod/b.yaml", Yaml.ConfigMap("team-b", "settings"))
            .Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        await cluster.MergePatchAsync("/api/v1/namespaces/team-b/configmaps/settings", """{"data":{"key":"drifted"}}""");
        cluster.Server.Faults.FailNext(100, "LIST", "/api/v1/configmaps", 403);

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var a = result.Objects.Single(o => o.Ref is { Kind: "ConfigMap", Namespace: "team-a" });
        var b = result.Objects.Single(o => o.Ref is { Kind: "ConfigMap", Namespace: "team-b" });
        Assert.Equal(ObjectAction.Unchanged, a.Action);
        Assert.Equal(ObjectAction.Configured, b.Action);
        Assert.Equal(["data.key"], b.ChangedFields);
        Assert.Equal("v1", (await cluster.GetAsync("/api/v1/namespaces/team-b/configmaps/settings"))!["data"]!["key"]!.GetValue<string>());
        // The fault is still armed: every cluster-wide LIST of ConfigMaps was answered 403, none reached the store.
        await Assert.ThrowsAsync<HttpRequestException>(() => cluster.GetAsync("/api/v1/configmaps"));
    }

    [Fact]
    public async Task When_the_per_namespace_list_is_forbidden_too_the_run_fails_naming_the_list_and_applies_nothing()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("team-a") + "---\n" + Yaml.Namespace("team-b"))
            .Write("prod/a.yaml", Yaml.ConfigMap("team-a", "settings"))
            .Write("prod/b.yaml", Yaml.ConfigMap("team-b", "settings"))
            .Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("team-a", "settings", value: "v2")).Commit();
        cluster.Server.Faults.FailNext(100, "LIST", "/configmaps", 403);

        var result = await cluster.ReconcileAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("/namespaces/team-", StringComparison.Ordinal) && e.Contains("403", StringComparison.Ordinal));
        cluster.Server.Faults.Clear();
        Assert.Equal("v1", (await cluster.GetAsync("/api/v1/namespaces/team-a/configmaps/settings"))!["data"]!["key"]!.GetValue<string>());
    }
}
