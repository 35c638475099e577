using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Health;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class HealthViewTests
{
    [Fact]
    public void The_health_view_of_a_live_object_drops_payload_and_managed_fields_and_is_judged_like_the_object()
    {
        // A list item: no apiVersion or kind, which the view restores from the resource listed.
        using var item = JsonDocument.Parse("""
            {"metadata":{"name":"web","namespace":"shop","generation":3,"uid":"u","managedFields":[{"manager":"gitops","fieldsV1":{"f:spec":{}}}],"annotations":{"a":"b"}},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"nginx"}]}}},
             "status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
                       "conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
            """);
        var expected = HealthEvaluator.Evaluate("apps", "Deployment", JsonNode.Parse(item.RootElement.GetRawText())!.AsObject());

        var view = HealthView.Of(item.RootElement, new ResourceInfo("apps", "v1", "Deployment", "deployments", Namespaced: true));

        Assert.Equal("""{"name":"web","namespace":"shop","uid":"u","generation":3}""", view["metadata"]!.ToJsonString());
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], view.Select(p => p.Key));
        Assert.Equal("apps/v1", view["apiVersion"]!.GetValue<string>());
        Assert.Equal(expected, HealthEvaluator.Evaluate("apps", "Deployment", view));
        Assert.Equal(HealthState.Current, expected.State);
    }

    [Fact]
    public void The_health_view_does_not_hold_on_to_the_list_page_it_was_built_from()
    {
        var item = JsonDocument.Parse("""{"metadata":{"name":"web","namespace":"shop","uid":"u","resourceVersion":"9"},"spec":{"replicas":2},"status":{"observedGeneration":1}}""");
        var view = HealthView.Of(item.RootElement, new ResourceInfo("apps", "v1", "Deployment", "deployments", Namespaced: true));

        // A view still backed by the document would throw ObjectDisposedException here.
        item.Dispose();

        Assert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","uid":"u","resourceVersion":"9"},"spec":{"replicas":2},"status":{"observedGeneration":1}}""", view.ToJsonString());
    }

    [Fact]
    public void An_applied_object_gives_the_same_view_as_its_list_item_and_keeps_none_of_its_payload()
    {
        const string stored = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"shop","uid":"u","resourceVersion":"7","labels":{"a":"b"},
             "managedFields":[{"manager":"gitops","fieldsV1":{"f:data":{}}}]},"data":{"payload":"xxxxxxxx"}}
            """;
        var resource = new ResourceInfo("", "v1", "ConfigMap", "configmaps", Namespaced: true);
        using var item = JsonDocument.Parse(stored);

        var applied = HealthView.Of(JsonNode.Parse(stored)!.AsObject(), resource);

        Assert.Equal(HealthView.Of(item.RootElement, resource).ToJsonString(), applied.ToJsonString());
        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"shop","uid":"u","resourceVersion":"7"}}""", applied.ToJsonString());
    }
}
