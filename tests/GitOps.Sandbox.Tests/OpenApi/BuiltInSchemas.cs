using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class BuiltInSchemas
{
    private static readonly OpenApiCatalog Catalog = new();

    private static JsonObject Schemas(string groupVersionPath) =>
        (JsonObject)JsonNode.Parse(Catalog.V3GroupVersion(groupVersionPath)!)!["components"]!["schemas"]!;

    private static string? RefOf(JsonNode? schema) =>
        (schema?["$ref"] ?? schema?["allOf"]?[0]?["$ref"])?.GetValue<string>();

    [Fact]
    public void Deployment_is_named_like_kubernetes_and_carries_its_group_version_kind()
    {
        var deployment = Schemas("apis/apps/v1")["io.k8s.api.apps.v1.Deployment"]!;

        var gvk = deployment["x-kubernetes-group-version-kind"]!.AsArray().Single()!;
        Assert.Equal(("apps", "Deployment", "v1"), (gvk["group"]!.GetValue<string>(), gvk["kind"]!.GetValue<string>(), gvk["version"]!.GetValue<string>()));
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", RefOf(deployment["properties"]!["metadata"]));
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec", RefOf(deployment["properties"]!["spec"]));
    }

    [Fact]
    public void Types_and_fields_carry_kubernetes_descriptions_for_kubectl_explain()
    {
        var schemas = Schemas("apis/apps/v1");

        Assert.StartsWith("Number of desired pods.", schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["replicas"]!["description"]!.GetValue<string>());
        Assert.Contains("Deployment enables declarative updates", schemas["io.k8s.api.apps.v1.Deployment"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void Scalar_fields_get_kubernetes_types_and_formats()
    {
        var schemas = Schemas("apis/apps/v1");
        var spec = schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!;
        var meta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!;

        Assert.Equal("integer", spec["replicas"]!["type"]!.GetValue<string>());
        Assert.Equal("int32", spec["replicas"]!["format"]!.GetValue<string>());
        Assert.Equal("boolean", spec["paused"]!["type"]!.GetValue<string>());
        Assert.Equal("int64", meta["generation"]!["format"]!.GetValue<string>());
        Assert.Equal("string", meta["labels"]!["additionalProperties"]!["type"]!.GetValue<string>());
        Assert.EndsWith("meta.v1.Time", RefOf(meta["creationTimestamp"]));
        Assert.Equal("date-time", schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void Int_or_string_and_quantity_fields_reference_their_apimachinery_types()
    {
        var schemas = Schemas("apis/apps/v1");

        var rollingUpdate = schemas["io.k8s.api.apps.v1.RollingUpdateDeployment"]!["properties"]!;
        Assert.EndsWith("io.k8s.apimachinery.pkg.util.intstr.IntOrString", RefOf(rollingUpdate["maxSurge"]));
        Assert.True(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["x-kubernetes-int-or-string"]!.GetValue<bool>());
        var limits = schemas["io.k8s.api.core.v1.ResourceRequirements"]!["properties"]!["limits"]!;
        Assert.Equal("object", limits["type"]!.GetValue<string>());
        Assert.EndsWith("io.k8s.apimachinery.pkg.api.resource.Quantity", RefOf(limits["additionalProperties"]));
    }

    [Fact]
    public void Secret_data_is_base64_bytes_and_raw_json_preserves_unknown_fields()
    {
        var core = Schemas("api/v1");
        var data = core["io.k8s.api.core.v1.Secret"]!["properties"]!["data"]!["additionalProperties"]!;
        var fieldsV1 = Schemas("apis/apps/v1")["io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"]!["properties"]!["fieldsV1"]!;

        Assert.Equal(("string", "byte"), (data["type"]!.GetValue<string>(), data["format"]!.GetValue<string>()));
        Assert.True(fieldsV1["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
    }

    [Fact]
    public void Prefixed_model_classes_map_to_their_own_group_package()
    {
        var core = Schemas("api/v1");
        var rbac = Schemas("apis/rbac.authorization.k8s.io/v1");

        Assert.True(core.ContainsKey("io.k8s.api.core.v1.EndpointPort"));
        Assert.True(core.ContainsKey("io.k8s.api.core.v1.Event"));
        Assert.EndsWith("io.k8s.api.rbac.v1.Subject", RefOf(rbac["io.k8s.api.rbac.v1.RoleBinding"]!["properties"]!["subjects"]!["items"]));
        Assert.True(Schemas("apis/apiextensions.k8s.io/v1").ContainsKey("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"));
    }

    [Theory]
    [InlineData("io.k8s.api.core.v1.PodSpec", "containers", "name", "merge", "name")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "initContainers", "name", "merge", "name")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "volumes", "name", "merge,retainKeys", "name")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "imagePullSecrets", "name", "merge", "name")]
    [InlineData("io.k8s.api.core.v1.Container", "env", "name", "merge", "name")]
    [InlineData("io.k8s.api.core.v1.Container", "ports", "containerPort", "merge", "containerPort,protocol")]
    [InlineData("io.k8s.api.core.v1.Container", "volumeMounts", "mountPath", "merge", "mountPath")]
    [InlineData("io.k8s.api.core.v1.ServiceSpec", "ports", "port", "merge", "port,protocol")]
    [InlineData("io.k8s.api.core.v1.PodStatus", "conditions", "type", "merge", "type")]
    public void Well_known_lists_carry_merge_keys_for_strategic_merge_and_server_side_apply(
        string definition, string property, string mergeKey, string strategy, string mapKeys)
    {
        var list = Schemas("api/v1")[definition]!["properties"]![property]!;

        Assert.Equal("map", list["x-kubernetes-list-type"]!.GetValue<string>());
        Assert.Equal(mapKeys, string.Join(',', list["x-kubernetes-list-map-keys"]!.AsArray().Select(key => key!.GetValue<string>())));
        Assert.Equal(mergeKey, list["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal(strategy, list["x-kubernetes-patch-strategy"]!.GetValue<string>());
    }

    [Fact]
    public void Atomic_structs_and_maps_and_retain_keys_strategies_are_marked_as_kubernetes_marks_them()
    {
        var apps = Schemas("apis/apps/v1");
        var core = Schemas("api/v1");

        Assert.Equal("atomic", apps["io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"]!["x-kubernetes-map-type"]!.GetValue<string>());
        Assert.Equal("atomic", core["io.k8s.api.core.v1.ServiceSpec"]!["properties"]!["selector"]!["x-kubernetes-map-type"]!.GetValue<string>());
        Assert.Equal("retainKeys", apps["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["strategy"]!["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Null(apps["io.k8s.api.apps.v1.DeploymentSpec"]!["x-kubernetes-map-type"]);
    }

    [Fact]
    public void Conditions_of_workloads_merge_by_type()
    {
        var conditions = Schemas("apis/apps/v1")["io.k8s.api.apps.v1.DeploymentStatus"]!["properties"]!["conditions"]!;

        Assert.Equal("type", conditions["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("map", conditions["x-kubernetes-list-type"]!.GetValue<string>());
    }
}
