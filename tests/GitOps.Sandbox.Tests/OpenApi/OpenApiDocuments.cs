using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class OpenApiDocuments
{
    private static readonly OpenApiCatalog Catalog = new();

    [Fact]
    public void The_v3_index_lists_built_in_group_versions_with_hashed_urls()
    {
        var paths = JsonNode.Parse(Catalog.V3Index())!["paths"]!.AsObject();

        foreach (var groupVersion in new[] { "api/v1", "apis/apps/v1", "apis/batch/v1", "apis/networking.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1", "apis/apiextensions.k8s.io/v1", "apis/autoscaling/v2", "apis/policy/v1", "apis/coordination.k8s.io/v1" })
        {
            var url = paths[groupVersion]?["serverRelativeURL"]?.GetValue<string>();
            Assert.Matches($"^/openapi/v3/{groupVersion}\\?hash=[0-9A-F]{{128}}$", url);
        }

        Assert.DoesNotContain(paths, path => path.Key.Contains("alpha", StringComparison.Ordinal) || path.Key.Contains("beta", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_group_versions_have_no_document()
    {
        Assert.Null(Catalog.V3GroupVersion("apis/example.com/v1"));
        Assert.NotNull(Catalog.V3GroupVersion("/api/v1/"));
    }

    [Fact]
    public void Patch_operations_advertise_server_side_field_validation_and_strategic_merge()
    {
        var document = JsonNode.Parse(Catalog.V3GroupVersion("apis/apps/v1")!)!;

        var patch = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], patch["parameters"]!.AsArray().Select(parameter => parameter!["name"]!.GetValue<string>()));
        Assert.NotNull(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
        Assert.NotNull(patch["requestBody"]!["content"]!["application/apply-patch+yaml"]);
        Assert.NotNull(document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments"]!["post"]);
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace_in_their_paths()
    {
        var paths = JsonNode.Parse(Catalog.V3GroupVersion("apis/rbac.authorization.k8s.io/v1")!)!["paths"]!.AsObject();

        Assert.True(paths.ContainsKey("/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}"));
        Assert.True(paths.ContainsKey("/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/roles/{name}"));
    }

    [Fact]
    public void Every_reference_in_a_group_version_document_resolves_within_it()
    {
        var document = JsonNode.Parse(Catalog.V3GroupVersion("apis/apps/v1")!)!;
        var schemas = document["components"]!["schemas"]!.AsObject();

        var references = References(document).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), reference));
    }

    [Fact]
    public void The_v2_document_is_swagger_with_definitions_and_plain_references()
    {
        var document = JsonNode.Parse(Catalog.V2Document())!;

        Assert.Equal("2.0", document["swagger"]!.GetValue<string>());
        var definitions = document["definitions"]!.AsObject();
        var spec = definitions["io.k8s.api.apps.v1.Deployment"]!["properties"]!["spec"]!;
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", spec["$ref"]!.GetValue<string>());
        var consumes = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!["consumes"]!.AsArray();
        Assert.Contains(consumes, type => type!.GetValue<string>() == "application/strategic-merge-patch+json");
        Assert.All(References(document), reference => Assert.True(definitions.ContainsKey(reference["#/definitions/".Length..]), reference));
    }

    [Fact]
    public void The_v2_protobuf_encodes_the_swagger_version_definitions_and_extensions()
    {
        var protobuf = Catalog.V2DocumentProtobuf();
        var text = System.Text.Encoding.UTF8.GetString(protobuf);

        // Field 1 (swagger), length-delimited, "2.0".
        Assert.Equal([0x0A, 0x03, (byte)'2', (byte)'.', (byte)'0'], protobuf.Take(5));
        Assert.Contains("io.k8s.api.apps.v1.Deployment", text, StringComparison.Ordinal);
        Assert.Contains("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", text, StringComparison.Ordinal);
        Assert.Contains("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}", text, StringComparison.Ordinal);
        Assert.Contains("application/strategic-merge-patch+json", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_are_built_once_and_served_from_cache()
    {
        Assert.Same(Catalog.V3Index(), Catalog.V3Index());
        Assert.Same(Catalog.V3GroupVersion("api/v1"), Catalog.V3GroupVersion("api/v1"));
        Assert.Same(Catalog.V2Document(), Catalog.V2Document());
        Assert.Same(Catalog.V2DocumentProtobuf(), Catalog.V2DocumentProtobuf());
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => pair.Key == "$ref" && pair.Value is JsonValue value && value.TryGetValue<string>(out var text)
            ? [text]
            : References(pair.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
