using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class CrdSchemas
{
    internal const string CronTabCrd = """
        {
          "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
          "metadata": { "name": "crontabs.stable.example.com" },
          "spec": {
            "group": "stable.example.com", "scope": "Namespaced",
            "names": { "plural": "crontabs", "singular": "crontab", "kind": "CronTab" },
            "versions": [
              { "name": "v1", "served": true, "storage": true,
                "schema": { "openAPIV3Schema": { "type": "object", "properties": {
                  "spec": { "type": "object", "properties": {
                    "cronSpec": { "type": "string" },
                    "replicas": { "type": "integer" },
                    "jobs": { "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                              "items": { "type": "object", "properties": { "name": { "type": "string" }, "args": { "type": "array", "items": { "type": "string" } } } } },
                    "limits": { "type": "object", "additionalProperties": { "type": "object", "properties": { "max": { "x-kubernetes-int-or-string": true } } } },
                    "extra": { "type": "object", "x-kubernetes-preserve-unknown-fields": true },
                    "template": { "type": "object", "x-kubernetes-embedded-resource": true, "properties": { "spec": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } }
                  } },
                  "status": { "type": "object", "properties": { "ready": { "type": "boolean" } } }
                } } } },
              { "name": "v2alpha1", "served": false, "storage": false,
                "schema": { "openAPIV3Schema": { "type": "object" } } }
            ]
          }
        }
        """;

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Index(OpenApiCatalog catalog) => JsonNode.Parse(catalog.V3Index())!["paths"]!.AsObject();

    [Fact]
    public void A_registered_crd_serves_a_group_version_document_with_its_kind()
    {
        var catalog = new OpenApiCatalog();
        catalog.RegisterCrd(Parse(CronTabCrd));

        var paths = Index(catalog);
        Assert.StartsWith("/openapi/v3/apis/stable.example.com/v1?hash=", paths["apis/stable.example.com/v1"]!["serverRelativeURL"]!.GetValue<string>());
        Assert.False(paths.ContainsKey("apis/stable.example.com/v2alpha1"));

        var document = JsonNode.Parse(catalog.V3GroupVersion("apis/stable.example.com/v1")!)!;
        var schema = document["components"]!["schemas"]!["com.example.stable.v1.CronTab"]!;
        Assert.Equal("CronTab", schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
        var patch = document["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), parameter => parameter!["name"]!.GetValue<string>() == "fieldValidation");
        Assert.Null(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
    }

    [Fact]
    public void Custom_objects_are_checked_against_the_crd_schema()
    {
        var catalog = new OpenApiCatalog();
        catalog.RegisterCrd(Parse(CronTabCrd));
        var cronTab = Parse("""
            { "apiVersion": "stable.example.com/v1", "kind": "CronTab",
              "metadata": { "name": "c", "labels": { "a": "b" }, "nmae": "typo" },
              "spec": { "cronSpec": "* * * * *", "replica": 1,
                        "jobs": [{ "name": "a", "args": ["x"], "image": "nope" }],
                        "limits": { "cpu": { "max": 3, "min": 1 } },
                        "extra": { "free": { "form": true } },
                        "template": { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "p" }, "spec": { "anything": 1 }, "other": 2 } },
              "status": { "ready": true } }
            """);

        var unknown = catalog.FindUnknownFields("stable.example.com/v1", "CronTab", cronTab);

        Assert.Equal(
            [".metadata.nmae", ".spec.jobs[0].image", ".spec.limits.cpu.min", ".spec.replica", ".spec.template.other"],
            unknown.Order(StringComparer.Ordinal));
        Assert.Equal(["name"], catalog.ListSemanticsAt("stable.example.com/v1", "CronTab", ".spec.jobs")!.MapKeys);
    }

    [Fact]
    public void Unregistering_a_crd_removes_its_documents_and_schema()
    {
        var catalog = new OpenApiCatalog();
        var before = catalog.V3Index();
        catalog.RegisterCrd(Parse(CronTabCrd));
        Assert.True(catalog.Knows("stable.example.com/v1", "CronTab"));

        catalog.UnregisterCrd("crontabs.stable.example.com");

        Assert.False(catalog.Knows("stable.example.com/v1", "CronTab"));
        Assert.Null(catalog.V3GroupVersion("apis/stable.example.com/v1"));
        Assert.Equal(before, catalog.V3Index());
    }

    [Fact]
    public void Changing_a_crd_schema_changes_the_hash_kubectl_caches_by()
    {
        var catalog = new OpenApiCatalog();
        catalog.RegisterCrd(Parse(CronTabCrd));
        var firstUrl = Index(catalog)["apis/stable.example.com/v1"]!["serverRelativeURL"]!.GetValue<string>();

        var changed = Parse(CronTabCrd);
        changed["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["paused"] = new JsonObject { ["type"] = "boolean" };
        catalog.RegisterCrd(changed);

        Assert.NotEqual(firstUrl, Index(catalog)["apis/stable.example.com/v1"]!["serverRelativeURL"]!.GetValue<string>());
        Assert.Empty(catalog.FindUnknownFields("stable.example.com/v1", "CronTab", Parse("""{ "spec": { "paused": true } }""")));
    }

    [Fact]
    public void Concurrent_registrations_and_reads_end_with_every_crd_served()
    {
        var catalog = new OpenApiCatalog();
        var groups = Enumerable.Range(0, 16).Select(index => $"g{index}.example.com").ToList();

        Parallel.ForEach(groups, group =>
        {
            var crd = Parse(CronTabCrd.Replace("stable.example.com", group, StringComparison.Ordinal));
            catalog.RegisterCrd(crd);
            Assert.NotNull(JsonNode.Parse(catalog.V3Index()));
            Assert.True(catalog.Knows($"{group}/v1", "CronTab"));
        });

        var paths = Index(catalog);
        Assert.All(groups, group => Assert.True(paths.ContainsKey($"apis/{group}/v1"), group));
        Assert.All(groups, group => Assert.NotNull(catalog.V3GroupVersion($"apis/{group}/v1")));
    }

    [Fact]
    public void Oddly_typed_crd_fields_are_read_leniently_instead_of_failing()
    {
        var catalog = new OpenApiCatalog();
        var odd = Parse(CronTabCrd);
        odd["spec"]!["scope"] = 7;
        odd["spec"]!["versions"]![0]!["served"] = "yes";
        odd["spec"]!["versions"]![1]!["schema"] = "none";
        odd["spec"]!["versions"]![1]!["served"] = true;
        odd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["limits"]!["additionalProperties"] = "maybe";

        catalog.RegisterCrd(odd);

        Assert.True(catalog.Knows("stable.example.com/v1", "CronTab"));
        Assert.True(catalog.Knows("stable.example.com/v2alpha1", "CronTab"));
        Assert.Empty(catalog.FindUnknownFields("stable.example.com/v2alpha1", "CronTab", Parse("""{ "spec": { "anything": 1 } }""")));
        Assert.NotNull(catalog.V3GroupVersion("apis/stable.example.com/v1"));
    }

    [Fact]
    public void A_crd_without_a_name_or_kind_is_rejected_with_the_missing_field()
    {
        var catalog = new OpenApiCatalog();
        var broken = Parse(CronTabCrd);
        broken["spec"]!["names"]!.AsObject().Remove("kind");

        var error = Assert.Throws<ArgumentException>(() => catalog.RegisterCrd(broken));
        Assert.Contains("spec.names.kind", error.Message, StringComparison.Ordinal);
    }
}
