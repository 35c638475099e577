using GitOps.Rendering.Import;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Import;

public sealed class ComponentImportTests
{
    [Fact]
    public void Objects_a_component_yields_exactly_come_back_as_that_component()
    {
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "source");
        RepositoryImporter.Write(new Dictionary<string, string>
        {
            ["gitops.csx"] = """
                App("shop", env =>
                [
                    new WebService("web") { Image = "ghcr.io/acme/web:1.0.0", HealthPath = "/healthz", Autoscale = new Autoscaling(2, 5) },
                    new Worker("jobs") { Image = "ghcr.io/acme/jobs:1.0.0", Env = { ["QUEUE"] = "orders" } },
                    new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "b" } },
                ], standardLabels: false);
                """,
            ["environments/dev.csx"] = "Environment(\"dev\", e => e.Namespace = \"shop\");\n",
        }, source);
        var (manifests, _, _) = EnvironmentRenderer.Render(source, ["dev"], strict: false, Path.Combine(temp.Path, "cache"));
        var input = temp.Write("rendered/all.yaml", string.Join("---\n", manifests[0].Objects.Select(o => CanonicalYaml.Write(o.Manifest))));

        var result = RepositoryImporter.Import(ImportHarness.Single("shop", Path.GetDirectoryName(input)!));
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        var app = result.Files["apps/shop.csx"];
        Assert.Contains("new WebService(\"web\")", app, StringComparison.Ordinal);
        Assert.Contains("HealthPath = \"/healthz\"", app, StringComparison.Ordinal);
        Assert.Contains("Autoscale = new Autoscaling(2, 5)", app, StringComparison.Ordinal);
        Assert.Contains("new Worker(\"jobs\")", app, StringComparison.Ordinal);
        Assert.DoesNotContain("new V1Deployment", app, StringComparison.Ordinal);
        Assert.Contains("new V1ConfigMap", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Reimporting_rendered_output_with_standard_labels_gives_back_the_original_script()
    {
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "source");
        RepositoryImporter.Write(new Dictionary<string, string>
        {
            ["gitops.csx"] = "App(\"shop\", env => new WebService(\"web\") { Image = \"ghcr.io/acme/web:1.0.0\", Replicas = 3 });\n",
            ["environments/dev.csx"] = "Environment(\"dev\", e => e.Namespace = \"shop\");\n",
        }, source);
        var (manifests, _, _) = EnvironmentRenderer.Render(source, ["dev"], strict: false, Path.Combine(temp.Path, "cache"));
        var input = temp.Write("rendered/all.yaml", string.Join("---\n", manifests[0].Objects.Select(o => CanonicalYaml.Write(o.Manifest))));

        var result = RepositoryImporter.Import(new ImportRequest([KeyValuePair.Create("dev", (IReadOnlyList<string>)[input])], null, "shop"));
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        Assert.Contains("App(\"shop\", ShopApp.Objects);", result.Files["gitops.csx"], StringComparison.Ordinal);
        Assert.Contains("new WebService(\"web\") { Image = \"ghcr.io/acme/web:1.0.0\", Replicas = 3 }", result.Files["apps/shop.csx"], StringComparison.Ordinal);
        Assert.DoesNotContain("managed-by", result.Files["apps/shop.csx"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_and_service_that_differ_from_any_component_stay_typed_objects()
    {
        using var temp = new TempFolder();
        var result = RepositoryImporter.Import(ImportHarness.Single("guestbook", ImportHarness.CorpusFolder("guestbook")));

        Assert.DoesNotContain("WebService", result.Files["apps/guestbook.csx"], StringComparison.Ordinal);
        Assert.Contains("new V1Deployment", result.Files["apps/guestbook.csx"], StringComparison.Ordinal);
    }
}
