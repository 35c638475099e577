using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests;

/// <summary>Server-side apply semantics, checked on the write pipeline itself.</summary>
public sealed class ServerSideApplyTests
{
    private const string ConfigMapWithTwoKeys = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            app: web
        data:
          a: "1"
          b: "2"
        """;

    private const string ConfigMapWithKeyA = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          a: "1"
        """;

    [Fact]
    public void A_field_the_applier_stops_sending_is_removed()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("configmaps", "settings", ConfigMapWithTwoKeys, "gitops");
        var after = cluster.Apply("configmaps", "settings", ConfigMapWithKeyA, "gitops");
        Assert.Equal("""{"a":"1"}""", after["data"]!.ToJsonString());
        Assert.Null(after["metadata"]!["labels"]);
    }

    [Fact]
    public void A_field_the_applier_stops_sending_stays_when_another_manager_co_owns_it()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("configmaps", "settings", ConfigMapWithTwoKeys, "gitops");
        cluster.Apply("configmaps", "settings", ConfigMapWithTwoKeys.Replace("  a: \"1\"\n", ""), "other");
        var after = cluster.Apply("configmaps", "settings", ConfigMapWithKeyA, "gitops");
        Assert.Equal("""{"a":"1","b":"2"}""", after["data"]!.ToJsonString());
        Assert.Null(InMemoryCluster.FieldsOf(after, "gitops")!["f:data"]!["f:b"]);
        Assert.NotNull(InMemoryCluster.FieldsOf(after, "other")!["f:data"]!["f:b"]);
    }

    [Fact]
    public void Equal_values_are_shared_without_conflict_and_different_values_conflict()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("configmaps", "settings", ConfigMapWithKeyA, "one");
        cluster.Apply("configmaps", "settings", ConfigMapWithKeyA, "two");
        var error = Assert.Throws<ApiException>(() => cluster.Apply("configmaps", "settings", ConfigMapWithKeyA.Replace("\"1\"", "\"9\""), "three"));
        Assert.Equal(409, error.Code);
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"one\":\n- .data.a\nconflicts with \"two\":\n- .data.a", error.Message);
        Assert.Equal(2, ((JsonArray)error.Details!["causes"]!).Count);
    }

    [Fact]
    public void A_resource_version_in_the_applied_configuration_is_a_precondition_even_with_force()
    {
        var cluster = new InMemoryCluster();
        var first = cluster.Apply("configmaps", "settings", ConfigMapWithKeyA, "gitops");
        var read = (string)first["metadata"]!["resourceVersion"]!;
        cluster.Apply("configmaps", "settings", ConfigMapWithTwoKeys, "someone-else", force: true);

        var stale = Assert.Throws<ApiException>(() => cluster.Apply("configmaps", "settings", WithVersion(ConfigMapWithKeyA, read), "gitops", force: true));
        Assert.Equal((409, "Conflict"), (stale.Code, stale.Reason));
        Assert.Contains("the object has been modified", stale.Message, StringComparison.Ordinal);

        var current = (string)cluster.Get("configmaps", "settings")!["metadata"]!["resourceVersion"]!;
        var applied = cluster.Apply("configmaps", "settings", WithVersion(ConfigMapWithKeyA.Replace("\"1\"", "\"3\"", StringComparison.Ordinal), current), "gitops", force: true);
        Assert.Equal("3", (string)applied["data"]!["a"]!);
        Assert.NotEqual(current, (string)applied["metadata"]!["resourceVersion"]!);
        // The version is a precondition, not a field the applier comes to own.
        Assert.Null(InMemoryCluster.FieldsOf(applied, "gitops")!["f:metadata"]?["f:resourceVersion"]);
    }

    [Fact]
    public void Lists_with_merge_keys_merge_per_item_between_managers()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("deployments", "web", Deployment("app", "nginx:1", """[{"name":"A","value":"1"}]"""), "team-a");
        var sidecar = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoy:1"},{"name":"app","env":[{"name":"B","value":"2"}]}]}}}}
            """;
        var merged = cluster.Apply("deployments", "web", sidecar, "team-b");
        var containers = (JsonArray)merged["spec"]!["template"]!["spec"]!["containers"]!;
        // structured-merge-diff puts new applied items before the shared ones that follow them in the applied order.
        Assert.Equal(["proxy", "app"], containers.Select(c => (string?)c!["name"]));
        containers = new JsonArray(containers.Where(c => (string?)c!["name"] == "app").Select(c => c!.DeepClone()).ToArray());
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"2"}]""", containers[0]!["env"]!.ToJsonString());
        var teamB = InMemoryCluster.FieldsOf(merged, "team-b")!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!;
        Assert.NotNull(teamB["k:{\"name\":\"proxy\"}"]);
        Assert.NotNull(teamB["k:{\"name\":\"app\"}"]!["f:env"]!["k:{\"name\":\"B\"}"]);

        var withoutProxy = cluster.Apply("deployments", "web", sidecar.Replace("""{"name":"proxy","image":"envoy:1"},""", ""), "team-b");
        Assert.Equal(["app"], ((JsonArray)withoutProxy["spec"]!["template"]!["spec"]!["containers"]!).Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Lists_without_merge_keys_are_atomic()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]", args: """["--a","--b"]"""), "team-a");
        var error = Assert.Throws<ApiException>(() => cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]", args: """["--c"]"""), "team-b"));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"team-a\": .spec.template.spec.containers[name=\"app\"].args", error.Message);
        var forced = cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]", args: """["--c"]"""), "team-b", force: true);
        Assert.Equal("""["--c"]""", forced["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.ToJsonString());
    }

    [Fact]
    public void Managed_fields_use_kubernetes_fieldsV1_keys()
    {
        var cluster = new InMemoryCluster();
        var service = """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","finalizers":["example.com/keep"]},
             "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}
            """;
        var applied = cluster.Apply("services", "web", service, "gitops");
        var fields = InMemoryCluster.FieldsOf(applied, "gitops")!;
        Assert.Equal(
            """{"f:metadata":{"f:finalizers":{"v:\"example.com/keep\"":{}}},"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:targetPort":{}}},"f:selector":{}}}""",
            fields.ToJsonString(GitOps.Sandbox.Apply.CompactJson.Options));
        Assert.Equal("TCP", (string?)applied["spec"]!["ports"]![0]!["protocol"]);
    }

    [Fact]
    public void Dry_run_returns_the_result_and_stores_nothing()
    {
        var cluster = new InMemoryCluster();
        var preview = cluster.Apply("configmaps", "settings", ConfigMapWithTwoKeys, "gitops", dryRun: true);
        Assert.Equal("2", (string?)preview["data"]!["b"]);
        Assert.Null(cluster.Get("configmaps", "settings"));
    }

    [Fact]
    public void Generation_moves_on_spec_changes_only_and_a_no_op_apply_keeps_the_resource_version()
    {
        var cluster = new InMemoryCluster();
        var first = cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]"), "gitops");
        var same = cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]"), "gitops");
        Assert.Equal((string?)first["metadata"]!["resourceVersion"], (string?)same["metadata"]!["resourceVersion"]);
        var labelled = cluster.Patch("deployments", "web", "merge", """{"metadata":{"labels":{"x":"y"}}}""", "editor");
        Assert.Equal(1L, labelled["metadata"]!["generation"].AsLong());
        var changed = cluster.Apply("deployments", "web", Deployment("app", "nginx:2", "[]"), "gitops");
        Assert.Equal(2L, changed["metadata"]!["generation"].AsLong());
        Assert.Equal("y", (string?)changed["metadata"]!["labels"]!["x"]);
    }

    [Fact]
    public void An_update_takes_ownership_and_the_applier_conflicts_with_it()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]"), "gitops");
        cluster.Patch("deployments", "web", "merge", """{"spec":{"replicas":4}}""", "kubectl-scale");
        var error = Assert.Throws<ApiException>(() => cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]"), "gitops"));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas", error.Message);
        Assert.Equal(".spec.replicas", (string?)error.Details!["causes"]![0]!["field"]);
    }

    [Fact]
    public void Applying_the_status_subresource_records_a_status_manager()
    {
        var cluster = new InMemoryCluster();
        cluster.Apply("deployments", "web", Deployment("app", "nginx:1", "[]"), "gitops");
        var status = cluster.Apply("deployments", "web", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"replicas":2}}""", "probe", subresource: "status");
        Assert.Equal(2L, status["status"]!["replicas"].AsLong());
        var entry = ((JsonArray)status["metadata"]!["managedFields"]!).OfType<JsonObject>().Single(m => (string?)m["manager"] == "probe");
        Assert.Equal("status", (string?)entry["subresource"]);
        Assert.Equal("nginx:1", (string?)status["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    private static string Deployment(string container, string image, string env, string args = "null") => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"CONTAINER","image":"IMAGE","env":ENV,"args":ARGS}]}}}}
        """.Replace("CONTAINER", container).Replace("IMAGE", image).Replace("ENV", env).Replace("ARGS", args);

    private static string WithVersion(string manifest, string resourceVersion) =>
        manifest.Replace("  name: settings\n", $"  name: settings\n  resourceVersion: \"{resourceVersion}\"\n", StringComparison.Ordinal);
}
