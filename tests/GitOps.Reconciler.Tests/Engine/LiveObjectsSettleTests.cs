using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class LiveObjectsSettleTests
{
    [Fact]
    public async Task Items_settled_as_they_are_read_are_left_out_and_the_rest_are_kept_across_pages()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        // More objects than one LIST page, and one the run does not want (it is listed but offered to nobody).
        var count = KubeApi.ListPageSize + 20;
        for (var i = 0; i < count; i++)
        {
            await cluster.CreateAsync("/api/v1/namespaces/default/configmaps", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-{{{i:D3}}}","namespace":"default"},"data":{"i":"{{{i}}}"}}""");
        }

        await cluster.CreateAsync("/api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"not-desired","namespace":"default"}}""");
        var desired = Enumerable.Range(0, count).Select(i => Desired($"cm-{i:D3}")).Append(Desired("absent")).ToList();
        using var api = new KubeApi(KubeConnection.Create(cluster.Server.ClusterConfiguration()), SandboxCluster.TestRetry);
        var offered = new ConcurrentBag<string>();

        // Every third object is "unchanged": settled while its page is read.
        var found = await LiveObjects.ReadElementsAsync(api, desired, concurrency: 4, TestContext.Current.CancellationToken, settle: (o, item) =>
        {
            offered.Add(o.Ref.Name);
            return int.Parse(o.Ref.Name[3..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0;
        });

        var expected = Enumerable.Range(0, count).Where(i => i % 3 != 0).Select(i => $"cm-{i:D3}").ToList();
        Assert.Equal(expected, found.Keys.Select(o => o.Ref.Name).Order(StringComparer.Ordinal));
        Assert.All(found, pair => Assert.Equal(pair.Key.Ref.Name, pair.Value.GetProperty("metadata").GetProperty("name").GetString()));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"cm-{i:D3}"), offered.Distinct().Order(StringComparer.Ordinal));
    }

    private static DesiredObject Desired(string name)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" } };
        return DesiredObjects.Of(DesiredObjects.ConfigMaps, body);
    }
}
