using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class OrderingTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            kind: Widget
            plural: widgets
            singular: widget
            listKind: WidgetList
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true

        """;

    private const string Widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gear\n  namespace: shop\nspec:\n  size: 3\n";

    [Fact]
    public async Task A_crd_and_its_custom_resource_in_one_commit_are_applied_in_order()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/widget.yaml", Widget).Write("prod/crd.yaml", Crd).Write("prod/ns.yaml", Yaml.Namespace("shop")).Commit();
        var order = new List<string>();

        var result = await cluster.ReconcileAsync(checkpoint: point => { lock (order) { order.Add(point); } });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(
            ["applied CustomResourceDefinition widgets.example.com", "applied Namespace shop", "applied Widget shop/gear"],
            order.Where(p => p.StartsWith("applied ", StringComparison.Ordinal)));
        var widget = (await cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/gear"))!;
        Assert.Equal(3, widget["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pruning_a_crd_with_its_custom_resources_deletes_the_resources_first_and_the_crd_last()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/widget.yaml", Widget).Write("prod/crd.yaml", Crd).Write("prod/ns.yaml", Yaml.Namespace("shop"))
            .Write("prod/keep.yaml", Yaml.ConfigMap("shop", "keep")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Delete("prod/widget.yaml").Delete("prod/crd.yaml").Commit("drop widgets");
        var order = new List<string>();

        var result = await cluster.ReconcileAsync(checkpoint: point => { lock (order) { order.Add(point); } });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["deleted Widget shop/gear", "deleted CustomResourceDefinition widgets.example.com"], order.Where(p => p.StartsWith("deleted ", StringComparison.Ordinal)));
        Assert.Null(await cluster.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"));
    }

    [Fact]
    public async Task A_later_wave_waits_for_the_earlier_wave_to_be_healthy()
    {
        await using var cluster = await SandboxCluster.StartAsync(rolloutDelay: TimeSpan.FromMilliseconds(300));
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop"))
            .Write("prod/db.yaml", Yaml.Deployment("shop", "db", "postgres:16", annotations: "gitops.io/wave: \"0\""))
            .Write("prod/app.yaml", Yaml.Deployment("shop", "app", "shop:1", annotations: "gitops.io/wave: \"1\""))
            .Commit();
        var dbAvailableWhenAppApplied = (string?)null;

        var result = await cluster.ReconcileAsync(checkpoint: point =>
        {
            if (point == "applied Deployment shop/app")
            {
                var db = cluster.GetAsync("/apis/apps/v1/namespaces/shop/deployments/db").GetAwaiter().GetResult()!;
                dbAvailableWhenAppApplied = db["status"]?["availableReplicas"]?.ToString();
            }
        });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("1", dbAvailableWhenAppApplied);
    }

    [Fact]
    public async Task A_later_wave_is_not_applied_while_an_earlier_wave_is_stuck()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop"))
            .Write("prod/db.yaml", Yaml.Deployment("shop", "db", "postgres:broken", annotations: "gitops.io/wave: \"0\""))
            .Write("prod/app.yaml", Yaml.ConfigMap("shop", "app", annotations: "gitops.io/wave: \"1\""))
            .Commit();

        var result = await cluster.ReconcileAsync(timeout: TimeSpan.FromSeconds(1));

        Assert.False(result.Succeeded);
        Assert.StartsWith("wave 0 (Namespaced) did not become healthy within 1s", result.Errors[0], StringComparison.Ordinal);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/app"));
        Assert.Equal(ObjectAction.NotApplied, result.Objects.Single(o => o.Ref.Name == "app").Action);
    }
}
