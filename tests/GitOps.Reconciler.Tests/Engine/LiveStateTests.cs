using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Health;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class LiveStateTests
{
    private const string RolledOut = """
        {"metadata":{"name":"web","namespace":"shop","generation":3,"uid":"u","resourceVersion":"12","managedFields":[{"manager":"gitops","fieldsV1":{"f:spec":{}}}]},
         "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"nginx"}]}}},
         "status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
                   "conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
        """;

    [Fact]
    public void A_list_item_is_judged_like_the_whole_object_and_keeps_its_uid_and_resource_version()
    {
        // A list item: no apiVersion or kind; health is judged by the desired object's kind.
        using var item = JsonDocument.Parse(RolledOut);
        var expected = HealthEvaluator.Evaluate("apps", "Deployment", JsonNode.Parse(RolledOut)!.AsObject());

        var state = LiveState.Of(item.RootElement, Deployment("web"));

        Assert.Equal(new LiveState("u", "12", expected), state);
        Assert.Equal(HealthState.Current, state.Health.State);
    }

    [Fact]
    public void A_rollout_in_progress_is_judged_when_seen_and_stays_so_after_its_document_is_gone()
    {
        var item = JsonDocument.Parse(RolledOut.Replace("\"observedGeneration\":3", "\"observedGeneration\":2", StringComparison.Ordinal));

        var state = LiveState.Of(item.RootElement, Deployment("web"));
        item.Dispose();

        Assert.Equal(HealthState.InProgress, state.Health.State);
        Assert.Equal(("u", "12"), (state.Uid, state.ResourceVersion));
    }

    [Fact]
    public void An_applied_object_gives_the_same_state_as_its_list_item()
    {
        using var item = JsonDocument.Parse(RolledOut);

        Assert.Equal(LiveState.Of(item.RootElement, Deployment("web")), LiveState.Of(JsonNode.Parse(RolledOut)!.AsObject(), Deployment("web")));
    }

    [Fact]
    public void A_desired_body_that_does_not_exist_yet_has_no_uid()
    {
        var desired = Deployment("web");

        var state = LiveState.Of(desired.Body, desired);

        Assert.Null(state.Uid);
        Assert.Null(state.ResourceVersion);
    }

    private static DesiredObject Deployment(string name)
    {
        var body = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop" } };
        return DesiredObjects.Of(DesiredObjects.Deployments, body);
    }
}
