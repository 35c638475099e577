using System.Text.Json.Nodes;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// Discovery is cached per server under the cache directory: a fresh cache reads no discovery endpoint, while a kind
/// the cache does not know, an expired cache or a corrupt file make the run read discovery from the server again.
/// </summary>
public sealed class DiscoveryCacheTests
{
    // Discovery reads GET /apis and /apis/<group>/<version>; a run over ConfigMaps sends no other GET under /apis, so
    // failing those requests fails exactly the runs that read discovery from the server.
    private static void RefuseDiscoveryOfGroups(SandboxCluster cluster) => cluster.Server.Faults.FailNext(10_000, "GET", "/apis", 403);

    private const string WidgetCrd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Widget","plural":"widgets","singular":"widget","listKind":"WidgetList"},
         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;

    [Fact]
    public async Task A_second_run_with_a_fresh_cache_reads_no_discovery_endpoint()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        Assert.True(File.Exists(cluster.DiscoveryCacheFile));
        RefuseDiscoveryOfGroups(cluster);

        var cached = await cluster.ReconcileAsync();
        var uncached = await cluster.ReconcileAsync(discoveryCache: false);

        Assert.True(cached.Succeeded, string.Join("\n", cached.Errors));
        Assert.Equal(ObjectAction.Unchanged, Assert.Single(cached.Objects).Action);
        Assert.False(uncached.Succeeded); // the same fault does catch a run that reads discovery
    }

    [Fact]
    public async Task A_kind_whose_crd_was_installed_out_of_band_after_the_cache_was_written_still_reconciles()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        await cluster.CreateAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WidgetCrd);
        cluster.Repo.Write("prod/gear.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gear\n  namespace: default\nspec:\n  size: 3\n").Commit("add a widget");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(3, (await cluster.GetAsync("/apis/example.com/v1/namespaces/default/widgets/gear"))!["spec"]!["size"]!.GetValue<int>());
        Assert.Contains("\"Widget\"", await File.ReadAllTextAsync(cluster.DiscoveryCacheFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_cache_is_read_again_from_the_server()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        RefuseDiscoveryOfGroups(cluster);

        var expired = await cluster.ReconcileAsync(discoveryCacheTtl: TimeSpan.Zero);

        Assert.False(expired.Succeeded);
        Assert.Contains(expired.Errors, e => e.Contains("/apis", StringComparison.Ordinal));
        cluster.Server.Faults.Clear();
        Assert.True((await cluster.ReconcileAsync(discoveryCacheTtl: TimeSpan.Zero)).Succeeded);
    }

    [Fact]
    public async Task A_corrupt_cache_file_is_ignored_and_rewritten()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        await File.WriteAllTextAsync(cluster.DiscoveryCacheFile, "{\"version\":1,\"server\":", TestContext.Current.CancellationToken);

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var rewritten = JsonNode.Parse(await File.ReadAllTextAsync(cluster.DiscoveryCacheFile, TestContext.Current.CancellationToken))!;
        Assert.Contains(rewritten["resources"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "ConfigMap");
    }

    [Fact]
    public async Task A_kind_removed_since_the_cache_was_written_is_named_by_the_same_run_after_it_reads_discovery_again()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        await cluster.CreateAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WidgetCrd);
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        Assert.Contains("\"Widget\"", await File.ReadAllTextAsync(cluster.DiscoveryCacheFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await cluster.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        cluster.Repo.Write("prod/gear.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gear\n  namespace: default\nspec:\n  size: 3\n").Commit("add a widget");

        var result = await cluster.ReconcileAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("prod/gear.yaml:1: Widget gear: the cluster does not serve example.com/v1 Widget", StringComparison.Ordinal));
        Assert.DoesNotContain("\"Widget\"", await File.ReadAllTextAsync(cluster.DiscoveryCacheFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
