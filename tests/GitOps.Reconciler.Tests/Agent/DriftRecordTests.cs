using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Drift;
using GitOps.Reconciler.Manifests;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class DriftRecordTests
{
    [Fact]
    public void A_drift_record_keeps_the_first_20_fields_and_cuts_long_values_to_fit_the_status_configmap()
    {
        var fields = Enumerable.Range(0, 30).Select(i => new FieldDrift($"data.key{i}", new string('x', 5000), "short", "kubectl-edit", null)).ToList();

        var record = DriftRecord.Bounded(DateTimeOffset.UnixEpoch, new ObjectDrift(new ObjectRef("", "ConfigMap", "shop", "big"), fields), corrected: true);

        Assert.Equal(20, record.Drift.Fields.Count);
        Assert.Equal(new string('x', 200) + "...", record.Drift.Fields[0].LiveValue);
        Assert.Equal(("data.key0", "short", "kubectl-edit"), (record.Drift.Fields[0].Path, record.Drift.Fields[0].DesiredValue, record.Drift.Fields[0].Manager));
    }

    [Fact]
    public void Secret_drift_keeps_paths_and_managers_but_not_values()
    {
        var drift = new ObjectDrift(new ObjectRef("", "Secret", "shop", "db"), [
            new FieldDrift("data.password", "c2VjcmV0", "b3RoZXI=", "kubectl-edit", null),
            new FieldDrift("metadata.labels.team", "a", "b", "kubectl-label", null),
        ]);

        var masked = SecretMask.Mask(drift);

        Assert.Equal(("data.password", SecretMask.Masked, SecretMask.Masked, "kubectl-edit"), (masked.Fields[0].Path, masked.Fields[0].LiveValue, masked.Fields[0].DesiredValue, masked.Fields[0].Manager));
        Assert.Equal(("a", "b"), (masked.Fields[1].LiveValue, masked.Fields[1].DesiredValue));
        Assert.DoesNotContain("c2VjcmV0", masked.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_objects_lose_their_values_and_last_applied_annotation_other_kinds_stay_as_they_are()
    {
        var secret = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"password\":\"c2VjcmV0\"}}"}},"data":{"password":"c2VjcmV0"},"stringData":{"user":"admin"}}""")!.AsObject();
        var configMap = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"password":"visible"}}""")!.AsObject();

        var masked = SecretMask.Mask(secret);

        Assert.Equal((SecretMask.Masked, SecretMask.Masked), ((string?)masked["data"]!["password"], (string?)masked["stringData"]!["user"]));
        Assert.Equal(SecretMask.Masked, (string?)masked["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal("c2VjcmV0", (string?)secret["data"]!["password"]);
        Assert.Equal("visible", (string?)SecretMask.Mask(configMap)["data"]!["password"]);
    }
}
