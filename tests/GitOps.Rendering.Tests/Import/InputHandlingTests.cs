using GitOps.Rendering.Import;
using GitOps.Rendering.Import.Crd;

namespace GitOps.Rendering.Tests.Import;

public sealed class InputHandlingTests
{
    [Fact]
    public void App_option_puts_every_object_in_one_app()
    {
        using var temp = new TempFolder();
        temp.Write("in/a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: alpha}}\ndata: {k: v}\n");
        temp.Write("in/b/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {app: beta}}\ndata: {k: v}\n");
        var inputs = (IReadOnlyList<string>)[Path.Combine(temp.Path, "in")];

        var grouped = RepositoryImporter.Import(new ImportRequest([KeyValuePair.Create("default", inputs)], null, "in"));
        var forced = RepositoryImporter.Import(new ImportRequest([KeyValuePair.Create("default", inputs)], "Everything", "in"));

        Assert.Equal(["apps/alpha.csx", "apps/beta.csx"], grouped.Files.Keys.Where(k => k.StartsWith("apps/", StringComparison.Ordinal)));
        Assert.Equal(["apps/everything.csx"], forced.Files.Keys.Where(k => k.StartsWith("apps/", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_kubectl_list_is_imported_item_by_item()
    {
        using var temp = new TempFolder();
        var file = temp.Write("in/list.yaml", """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: { name: one }
            - apiVersion: v1
              kind: ConfigMap
              metadata: { name: two }
            """);

        var result = RepositoryImporter.Import(ImportHarness.Single("lists", file));

        Assert.Equal(2, result.Expected["default"].Count);
        var root = ImportHarness.WriteRepository(result, temp);
        ImportHarness.AssertRoundTrip(result, root);
    }

    [Fact]
    public void Yaml_merge_keys_are_refused_rather_than_read_as_a_field()
    {
        using var temp = new TempFolder();
        var file = temp.Write("in/merge.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: merged }
            data:
              <<: { a: b }
            """);

        var error = Assert.Throws<ImportException>(() => RepositoryImporter.Import(ImportHarness.Single("x", file)));

        Assert.Contains("merge.yaml: document 1: uses a YAML merge key (<<) at data.<<", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kustomization_is_refused_with_the_command_that_builds_it()
    {
        using var temp = new TempFolder();
        var file = temp.Write("base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n");

        var error = Assert.Throws<ImportException>(() => RepositoryImporter.Import(ImportHarness.Single("x", file)));

        Assert.Contains("is a kustomization", error.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl kustomize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crd_urls_other_than_http_and_https_are_refused()
    {
        var error = await Assert.ThrowsAsync<ImportException>(() => CrdImporter.ImportAsync(["ftp://example.com/crd.yaml"], null, null, TestContext.Current.CancellationToken));

        Assert.Contains("only http and https URLs are supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crd_import_fetches_http_urls_through_the_given_client()
    {
        using var listener = new System.Net.HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: { name: gadgets.example.com }
            spec:
              group: example.com
              names: { kind: Gadget, plural: gadgets }
              scope: Namespaced
              versions:
              - name: v1alpha1
                served: true
                storage: true
                schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { size: { type: integer } } } } } }
            """;
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var body = System.Text.Encoding.UTF8.GetBytes(crd);
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }, TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        var result = await CrdImporter.ImportAsync([$"http://127.0.0.1:{port}/crd.yaml"], null, http, TestContext.Current.CancellationToken);
        await serve;

        Assert.Contains("public sealed class V1alpha1Gadget : IKubernetesObject<V1ObjectMeta>", result.Files["Gadget.v1alpha1.csx"], StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
