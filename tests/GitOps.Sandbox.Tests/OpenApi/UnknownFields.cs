using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class UnknownFields
{
    private static readonly OpenApiCatalog Catalog = new();

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Deployment = """
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": { "name": "web", "labels": { "app": "web" }, "annotations": { "anything.example.com/goes": "yes" } },
          "spec": {
            "replicas": 2,
            "selector": { "matchLabels": { "app": "web" } },
            "strategy": { "rollingUpdate": { "maxSurge": "25%", "maxUnavailable": 1 } },
            "template": {
              "metadata": { "labels": { "app": "web" } },
              "spec": {
                "containers": [
                  { "name": "web", "image": "nginx", "ports": [{ "containerPort": 80 }],
                    "resources": { "limits": { "cpu": "500m", "memory": "128Mi" } },
                    "env": [{ "name": "A", "valueFrom": { "secretKeyRef": { "name": "s", "key": "k" } } }] }
                ]
              }
            }
          },
          "status": { "replicas": 2 }
        }
        """;

    [Fact]
    public void A_valid_deployment_has_no_unknown_fields()
    {
        Assert.Empty(Catalog.FindUnknownFields("apps/v1", "Deployment", Parse(Deployment)));
    }

    [Fact]
    public void A_misspelt_top_level_spec_field_is_named_by_its_path()
    {
        var deployment = Parse(Deployment);
        deployment["spec"]!["replicass"] = 3;

        Assert.Equal([".spec.replicass"], Catalog.FindUnknownFields("apps/v1", "Deployment", deployment));
    }

    [Fact]
    public void Unknown_fields_inside_list_items_and_under_maps_are_found_at_their_index()
    {
        var deployment = Parse(Deployment);
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Add(Parse("""{ "name": "sidecar", "imagee": "busybox", "ports": [{ "containerPort": 9090, "hostPot": 1 }] }"""));
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]![0]!["valueFrom"]!["secretKeyRef"]!["nmae"] = "x";
        deployment["metadata"]!["labelz"] = new JsonObject();

        var unknown = Catalog.FindUnknownFields("apps/v1", "Deployment", deployment);

        Assert.Equal(
            [
                ".metadata.labelz",
                ".spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.nmae",
                ".spec.template.spec.containers[1].imagee",
                ".spec.template.spec.containers[1].ports[0].hostPot",
            ],
            unknown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Server_side_apply_style_paths_name_keyed_list_items_by_their_keys()
    {
        var deployment = Parse(Deployment);
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["imagee"] = "nginx";
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["hostPot"] = 1;

        var unknown = Catalog.FindUnknownFields("apps/v1", "Deployment", deployment, FieldPathStyle.MergeKey);

        Assert.Equal(
            [
                ".spec.template.spec.containers[name=\"web\"].ports[containerPort=80].hostPot",
                ".spec.template.spec.containers[name=\"web\"].imagee",
            ],
            unknown);
    }

    [Fact]
    public void Values_of_string_maps_and_raw_json_fields_are_never_unknown()
    {
        var configMap = Parse("""{ "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "c" }, "data": { "any-key": "v", "other": "w" } }""");
        var revision = Parse("""{ "apiVersion": "apps/v1", "kind": "ControllerRevision", "metadata": { "name": "r" }, "revision": 1, "data": { "whatever": { "nested": true } } }""");

        Assert.Empty(Catalog.FindUnknownFields("v1", "ConfigMap", configMap));
        Assert.Empty(Catalog.FindUnknownFields("apps/v1", "ControllerRevision", revision));
    }

    [Fact]
    public void A_crd_manifest_using_every_schema_extension_has_no_unknown_fields()
    {
        var crd = Parse(CrdSchemas.CronTabCrd);
        var spec = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!.AsObject();
        spec["x-kubernetes-validations"] = JsonNode.Parse("""[{ "rule": "self.replicas >= 0", "message": "no negatives" }]""");
        spec["properties"]!["replicas"]!["default"] = 1;
        spec["properties"]!["cronSpec"]!["enum"] = JsonNode.Parse("""["@daily", "@hourly"]""");
        spec["properties"]!["cronSpec"]!["pattern"] = "^@";
        crd["spec"]!["versions"]![0]!["additionalPrinterColumns"] = JsonNode.Parse("""[{ "name": "Spec", "type": "string", "jsonPath": ".spec.cronSpec" }]""");
        crd["spec"]!["versions"]![0]!["subresources"] = JsonNode.Parse("""{ "status": {}, "scale": { "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas" } }""");

        Assert.Empty(Catalog.FindUnknownFields("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd));
    }

    [Theory]
    [InlineData("sock-shop")]
    [InlineData("guestbook")]
    public void Real_world_manifests_have_no_unknown_fields(string corpus)
    {
        var documents = Directory.GetFiles(GitOps.Sandbox.Tests.Support.Corpus.Path(corpus), "*.yaml")
            .SelectMany(file => File.ReadAllText(file).Split("\n---", StringSplitOptions.RemoveEmptyEntries).Select(text => (File: file, Text: text)))
            .Select(document => (document.File, Object: GitOps.Sandbox.Api.Manifests.Parse(System.Text.Encoding.UTF8.GetBytes(document.Text), yaml: true) as JsonObject))
            .Where(document => document.Object is not null)
            .ToList();

        Assert.NotEmpty(documents);
        Assert.All(documents, document =>
        {
            var obj = document.Object!;
            Assert.True(Catalog.Knows((string)obj["apiVersion"]!, (string)obj["kind"]!), document.File);
            Assert.Empty(Catalog.FindUnknownFields((string)obj["apiVersion"]!, (string)obj["kind"]!, obj));
        });
    }

    [Fact]
    public void Kinds_the_catalog_does_not_know_are_not_checked()
    {
        var unknownKind = Parse("""{ "apiVersion": "example.com/v1", "kind": "Widget", "spec": { "anything": 1 } }""");

        Assert.Empty(Catalog.FindUnknownFields("example.com/v1", "Widget", unknownKind));
        Assert.False(Catalog.Knows("example.com/v1", "Widget"));
    }
}
