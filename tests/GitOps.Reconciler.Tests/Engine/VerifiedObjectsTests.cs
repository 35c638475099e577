using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// The record of objects a successful run left as desired: it vouches for a live object only while its uid,
/// resourceVersion and applied hash are all what was recorded, and a run still finds every change made since.
/// </summary>
public sealed class VerifiedObjectsTests
{
    private static readonly ResourceInfo ConfigMaps = DesiredObjects.ConfigMaps;

    [Fact]
    public void A_recorded_object_is_vouched_for_only_while_its_uid_resource_version_and_hash_all_match()
    {
        var verified = VerifiedObjects.InMemory();
        var desired = Desired("a", hash: "h1");
        verified.Record(desired, LiveState.Of(Live("uid-1", "7", "h1").Object, desired));

        Assert.True(verified.Vouches(desired, Live("uid-1", "7", "h1").Element));
        Assert.False(verified.Vouches(desired, Live("uid-1", "8", "h1").Element)); // written since
        Assert.False(verified.Vouches(desired, Live("uid-2", "7", "h1").Element)); // another object (re-created, or another cluster)
        Assert.False(verified.Vouches(desired, Live("uid-1", "7", "h0").Element)); // the live object carries another configuration
        Assert.False(verified.Vouches(Desired("a", hash: "h2"), Live("uid-1", "7", "h1").Element)); // the commit changed it
        Assert.False(verified.Vouches(Desired("b", hash: "h1"), Live("uid-1", "7", "h1").Element)); // never recorded
    }

    [Fact]
    public void A_saved_record_loads_back_and_a_foreign_or_missing_file_loads_empty()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "verified", "x.tsv");
        var verified = VerifiedObjects.Load(file);
        Assert.Equal(0, verified.Count);
        verified.Record(Desired("a", "h1"), LiveState.Of(Live("uid-a", "3", "h1").Object, Desired("a", "h1")));
        verified.Record(Desired("b", "h2"), LiveState.Of(Live("uid-b", "4", "h2").Object, Desired("b", "h2")));
        verified.RetainOnly(new HashSet<ObjectRef> { Desired("a", "h1").Ref });
        verified.Save();

        var loaded = VerifiedObjects.Load(file);

        Assert.Equal(1, loaded.Count);
        Assert.True(loaded.Vouches(Desired("a", "h1"), Live("uid-a", "3", "h1").Element));
        Assert.False(loaded.Vouches(Desired("b", "h2"), Live("uid-b", "4", "h2").Element));
        File.WriteAllText(file, "something else\n\t\t\t\t\t\t\n");
        Assert.Equal(0, VerifiedObjects.Load(file).Count);
    }

    [Fact]
    public async Task A_successful_run_records_each_object_with_its_live_uid_and_resource_version_and_drops_pruned_ones()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);

        var lines = RecordLines(cluster);
        Assert.Equal(2, lines.Count);
        foreach (var name in new[] { "a", "b" })
        {
            var live = (await cluster.GetAsync($"/api/v1/namespaces/default/configmaps/{name}"))!["metadata"]!;
            Assert.Contains($"\tConfigMap\tdefault\t{name}\t{live["uid"]}\t{live["resourceVersion"]}\t{live["annotations"]!["gitops.io/applied-hash"]}", lines);
        }

        cluster.Repo.Delete("prod/b.yaml").Commit();
        Assert.True((await cluster.ReconcileAsync(allowMassPrune: true)).Succeeded);
        Assert.Single(RecordLines(cluster), l => l.Contains("\ta\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Objects_recorded_as_verified_are_still_found_changed_after_another_client_writes_them()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        Assert.Equal(ObjectAction.Unchanged, Assert.Single((await cluster.ReconcileAsync()).Objects).Action);
        await cluster.MergePatchAsync("/api/v1/namespaces/default/configmaps/a", """{"data":{"key":"drifted"}}""");

        var result = await cluster.ReconcileAsync();

        var a = Assert.Single(result.Objects);
        Assert.Equal(ObjectAction.Configured, a.Action);
        Assert.Equal(["data.key"], a.ChangedFields);
        Assert.Equal(ObjectAction.Unchanged, Assert.Single((await cluster.ReconcileAsync()).Objects).Action);
    }

    [Fact]
    public async Task An_object_in_a_namespace_the_last_run_did_not_use_is_read_live_not_taken_for_new()
    {
        // The early LIST covers only the namespaces of the last run; an object elsewhere must still be found.
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        await cluster.CreateAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"other"}}""");
        await cluster.CreateAsync("/api/v1/namespaces/other/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b","namespace":"other"},"data":{"key":"old"}}""");
        cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("other", "b")).Commit();

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var b = result.Objects.Single(o => o.Ref.Name == "b");
        Assert.Equal(ObjectAction.Configured, b.Action);
        Assert.Contains("data.key", b.ChangedFields);
    }

    private static List<string> RecordLines(SandboxCluster cluster) =>
        File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(cluster.Repo.CacheDirectory, "verified"), "*.tsv"))).Skip(1).ToList();

    private static DesiredObject Desired(string name, string hash)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["annotations"] = new JsonObject { ["gitops.io/applied-hash"] = hash } },
        };
        return DesiredObjects.Of(ConfigMaps, body);
    }

    private static (JsonObject Object, JsonElement Element) Live(string uid, string resourceVersion, string hash)
    {
        var json = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "a", ["namespace"] = "default", ["uid"] = uid, ["resourceVersion"] = resourceVersion,
                ["annotations"] = new JsonObject { ["gitops.io/applied-hash"] = hash },
            },
        }.ToJsonString();
        return (JsonNode.Parse(json)!.AsObject(), JsonDocument.Parse(json).RootElement);
    }
}
