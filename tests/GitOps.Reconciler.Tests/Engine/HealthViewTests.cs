using System.Text.Json.Nodes;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Health;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class HealthViewTests
{
    [Fact]
    public void The_health_view_of_a_live_object_drops_payload_and_managed_fields_and_is_judged_like_the_object()
    {
        var live = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"shop","generation":3,"uid":"u","managedFields":[{"manager":"gitops","fieldsV1":{"f:spec":{}}}],"annotations":{"a":"b"}},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"nginx"}]}}},
             "status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
                       "conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
            """)!.AsObject();
        var expected = HealthEvaluator.Evaluate("apps", "Deployment", (JsonObject)live.DeepClone());

        var view = ChangeDetector.HealthView(live);

        Assert.Equal("""{"name":"web","namespace":"shop","generation":3}""", view["metadata"]!.ToJsonString());
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], view.Select(p => p.Key));
        Assert.Equal(expected, HealthEvaluator.Evaluate("apps", "Deployment", view));
        Assert.Equal(HealthState.Current, expected.State);
    }
}
