using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests;

/// <summary>Strategic merge patch directives as kubectl emits them, JSON patch and merge patch.</summary>
public sealed class PatchTests
{
    private const string Web = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["a","b"]},
         "spec":{"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate"},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{
             "containers":[{"name":"app","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"args":["--x"]},
                           {"name":"proxy","image":"envoy:1"}],
             "volumes":[{"name":"data","emptyDir":{}}]}}}}
        """;

    [Fact]
    public void Strategic_merge_patch_merges_containers_by_name_and_replaces_plain_lists()
    {
        var cluster = Seeded();
        var patched = cluster.Patch("deployments", "web", "strategic",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:2","args":["--y"],"env":[{"name":"C","value":"3"}]}]}}}}""", "kubectl-patch");
        var app = Container(patched, "app");
        Assert.Equal("nginx:2", (string?)app["image"]);
        Assert.Equal("""["--y"]""", app["args"]!.ToJsonString());
        Assert.Equal(["A", "B", "C"], ((JsonArray)app["env"]!).Select(e => (string?)e!["name"]));
        Assert.Equal("envoy:1", (string?)Container(patched, "proxy")["image"]);
    }

    [Fact]
    public void Strategic_merge_patch_honours_delete_order_and_retain_keys_directives()
    {
        var cluster = Seeded();
        var patched = cluster.Patch("deployments", "web", "strategic", """
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]},
             "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},
               "template":{"spec":{
                 "$setElementOrder/containers":[{"name":"proxy"},{"name":"app"}],
                 "containers":[{"name":"app","env":[{"name":"A","$patch":"delete"}]}],
                 "volumes":[{"name":"data","$retainKeys":["name","configMap"],"configMap":{"name":"cfg"}}]}}}}
            """, "kubectl-client-side-apply");
        Assert.Equal("""["b"]""", patched["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("Recreate", (string?)patched["spec"]!["strategy"]!["type"]);
        Assert.Null(patched["spec"]!["strategy"]!["rollingUpdate"]);
        var containers = (JsonArray)patched["spec"]!["template"]!["spec"]!["containers"]!;
        Assert.Equal(["proxy", "app"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal(["B"], ((JsonArray)Container(patched, "app")["env"]!).Select(e => (string?)e!["name"]));
        Assert.Equal("""[{"name":"data","configMap":{"name":"cfg"}}]""",
            patched["spec"]!["template"]!["spec"]!["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Strategic_merge_patch_replace_directive_and_null_delete_fields()
    {
        var cluster = Seeded();
        var patched = cluster.Patch("deployments", "web", "strategic", """
            {"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"busybox:1"}],
                                        "volumes":null}}}}
            """, "kubectl-patch");
        Assert.Equal(["only"], ((JsonArray)patched["spec"]!["template"]!["spec"]!["containers"]!).Select(c => (string?)c!["name"]));
        Assert.Null(patched["spec"]!["template"]!["spec"]!["volumes"]);
    }

    [Fact]
    public void Json_patch_applies_operations_in_order_and_a_failed_test_is_rejected()
    {
        var cluster = Seeded();
        var patched = cluster.Patch("deployments", "web", "json", """
            [{"op":"test","path":"/spec/template/spec/containers/1/name","value":"proxy"},
             {"op":"remove","path":"/spec/template/spec/containers/1"},
             {"op":"add","path":"/metadata/labels","value":{"tier":"web"}},
             {"op":"copy","from":"/metadata/labels/tier","path":"/metadata/labels/copy"},
             {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:3"}]
            """, "kubectl-patch");
        Assert.Equal("""{"tier":"web","copy":"web"}""", patched["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(["app"], ((JsonArray)patched["spec"]!["template"]!["spec"]!["containers"]!).Select(c => (string?)c!["name"]));
        var error = Assert.Throws<ApiException>(() => cluster.Patch("deployments", "web", "json", """[{"op":"test","path":"/metadata/name","value":"other"}]""", "x"));
        Assert.Equal(422, error.Code);
    }

    [Fact]
    public void Merge_patch_replaces_lists_and_null_removes_keys()
    {
        var cluster = Seeded();
        var patched = cluster.Patch("deployments", "web", "merge",
            """{"metadata":{"finalizers":null,"annotations":{"note":"x"}},"spec":{"template":{"spec":{"volumes":[]}}}}""", "kubectl-patch");
        Assert.Null(patched["metadata"]!["finalizers"]);
        Assert.Equal("x", (string?)patched["metadata"]!["annotations"]!["note"]);
        Assert.Equal("[]", patched["spec"]!["template"]!["spec"]!["volumes"]!.ToJsonString());
    }

    private static InMemoryCluster Seeded()
    {
        var cluster = new InMemoryCluster();
        cluster.Service.Create(cluster.Type("deployments"), "default", JsonNode.Parse(Web)!.AsObject(), new WriteOptions("seed"));
        return cluster;
    }

    private static JsonObject Container(JsonObject deployment, string name) =>
        ((JsonArray)deployment["spec"]!["template"]!["spec"]!["containers"]!).OfType<JsonObject>().Single(c => (string?)c["name"] == name);
}
