using System.Net;
using System.Text.Json;
using GitOps.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Sandbox.Tests;

// Each test owns a sandbox that dies with it; threading the test's token through every client call adds noise only.
#pragma warning disable xUnit1051

public sealed class CustomResourceTests
{
    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private const string Widget = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: blue
        spec:
          size: 3
        """;

    [Fact]
    public async Task A_crd_becomes_established_and_serves_its_kind_to_kubectl()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", sandbox.WriteFile("crd.yaml", WidgetCrd))).EnsureSuccess();
        (await sandbox.Kubectl.RunAsync("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=20s")).EnsureSuccess();
        var resources = (await sandbox.Kubectl.RunAsync("api-resources", "--api-group=example.com")).EnsureSuccess().Stdout;
        Assert.Contains("widgets", resources);
        Assert.Contains("wg", resources);

        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", sandbox.WriteFile("widget.yaml", Widget))).EnsureSuccess();
        var size = (await sandbox.Kubectl.RunAsync("get", "wg", "blue", "-o", "jsonpath={.spec.size} {.metadata.generation}")).EnsureSuccess().Stdout;
        Assert.Equal("3 1", size);
    }

    [Fact]
    public async Task Server_side_apply_merges_custom_lists_by_the_keys_the_crd_schema_declares()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var crd = WidgetCrd.Replace(
            "openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}",
            "openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {"
            + "ports: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name], items: {type: object, properties: {name: {type: string}, port: {type: integer}}}},"
            + "tags: {type: array, items: {type: string}}}}}}");
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", sandbox.WriteFile("crd.yaml", crd))).EnsureSuccess();
        (await sandbox.Kubectl.RunAsync("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=20s")).EnsureSuccess();

        const string first = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {ports: [{name: http, port: 80}], tags: [a]}\n";
        const string second = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {ports: [{name: metrics, port: 9090}]}\n";
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "--field-manager=one", "-f", sandbox.WriteFile("one.yaml", first))).EnsureSuccess();
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "--field-manager=two", "-f", sandbox.WriteFile("two.yaml", second))).EnsureSuccess();
        var ports = (await sandbox.Kubectl.RunAsync("get", "widget", "w", "-o", "jsonpath={.spec.ports[*].name}")).EnsureSuccess().Stdout;
        Assert.Equal("http metrics", ports);

        var tags = await sandbox.Kubectl.RunAsync("apply", "--server-side", "--field-manager=two", "-f",
            sandbox.WriteFile("three.yaml", second.Replace("}]}", "}], tags: [b]}")));
        Assert.Contains("conflict with \"one\": .spec.tags", tags.Stderr);
    }

    [Fact]
    public async Task Deleting_a_crd_deletes_its_custom_objects_and_strategic_patches_are_refused()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(WidgetCrd);
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var widget = KubernetesYaml.Deserialize<Dictionary<string, object>>(Widget);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.com", "v1", "default", "widgets");

        var strategic = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":4}}", V1Patch.PatchType.StrategicMergePatch), "example.com", "v1", "default", "widgets", "blue"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, strategic.Response.StatusCode);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{\"spec\":{\"size\":4}}", V1Patch.PatchType.MergePatch), "example.com", "v1", "default", "widgets", "blue");
        var read = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", "blue");
        Assert.Equal(4, read.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal(2, read.GetProperty("metadata").GetProperty("generation").GetInt32());

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", "blue"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        var apis = await client.Apis.GetAPIVersionsAsync();
        Assert.DoesNotContain(apis.Groups, g => g.Name == "example.com");
    }
}
