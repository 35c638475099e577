using GitOps.Rendering.Import;
using GitOps.Rendering.Import.Crd;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Import;

public sealed class CrdImportTests
{
    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: { kind: Widget, plural: widgets }
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                description: A widget & its <parts>.
                properties:
                  apiVersion: { type: string }
                  kind: { type: string }
                  metadata: { type: object }
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: { type: integer, format: int32, description: How big. }
                      color: { type: string, enum: [red, dark-blue, "1x"] }
                      port: { x-kubernetes-int-or-string: true }
                      labels: { type: object, additionalProperties: { type: string } }
                      parts:
                        type: array
                        items:
                          type: object
                          properties:
                            name: { type: string }
                            weight: { type: number }
                      config: { type: object, x-kubernetes-preserve-unknown-fields: true }
                      enabled: { type: boolean }
        """;

    [Fact]
    public async Task Generated_classes_compile_and_a_script_using_them_renders_the_expected_yaml()
    {
        using var temp = new TempFolder();
        var crd = temp.Write("crds/widget.yaml", WidgetCrd);
        var result = await CrdImporter.ImportAsync([crd], wrapper: null, http: null, TestContext.Current.CancellationToken);
        var generated = Assert.Single(result.Files);
        Assert.Equal("Widget.v1.csx", generated.Key);
        Assert.Contains("public required int Size { get; set; }", generated.Value, StringComparison.Ordinal);
        Assert.Contains("/// A widget &amp; its &lt;parts&gt;.", generated.Value, StringComparison.Ordinal);
        Assert.Contains("[JsonStringEnumMemberName(\"dark-blue\")]", generated.Value, StringComparison.Ordinal);

        var repo = Path.Combine(temp.Path, "repo");
        RepositoryImporter.Write(new Dictionary<string, string>
        {
            ["crds/Widget.v1.csx"] = generated.Value,
            ["gitops.csx"] = """
                #load "crds/Widget.v1.csx"
                App("shop", env => new V1Widget
                {
                    Metadata = new V1ObjectMeta { Name = "gear" },
                    Spec = new V1WidgetSpec
                    {
                        Size = 3,
                        Color = V1WidgetSpecColor.DarkBlue,
                        Port = "http",
                        Labels = new Dictionary<string, string> { ["tier"] = "gold" },
                        Parts = [new V1WidgetSpecParts { Name = "cog", Weight = 1.5 }],
                        Config = new JsonObject { ["anything"] = new JsonArray(1, "two") },
                        Enabled = true,
                    },
                }, standardLabels: false);
                """,
            ["environments/dev.csx"] = "Environment(\"dev\", e => e.Namespace = \"shop\");\n",
        }, repo);

        var (manifests, _, _) = EnvironmentRenderer.Render(repo, ["dev"], strict: false, Path.Combine(temp.Path, "cache"));
        _ = ImportHarness.Evaluate(repo, "dev"); // fails on any compiler warning in the generated classes

        var widget = Assert.Single(Assert.Single(manifests).Objects);
        Assert.Equal("""
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: gear
              namespace: shop
            spec:
              color: dark-blue
              config:
                anything:
                  - 1
                  - two
              enabled: true
              labels:
                tier: gold
              parts:
                - name: cog
                  weight: 1.5
              port: http
              size: 3

            """, CanonicalYaml.Write(widget.Manifest));
    }

    [Fact]
    public async Task A_crd_without_a_structural_schema_is_refused_naming_the_file_and_field()
    {
        using var temp = new TempFolder();
        var crd = temp.Write("bad.yaml", WidgetCrd.Replace("weight: { type: number }", "weight: { description: no type }", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ImportException>(() => CrdImporter.ImportAsync([crd], null, null, TestContext.Current.CancellationToken));

        Assert.Contains("bad.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.parts[].weight has no type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrapper_option_nests_the_classes_in_a_static_class()
    {
        using var temp = new TempFolder();
        var crd = temp.Write("widget.yaml", WidgetCrd);

        var result = await CrdImporter.ImportAsync([crd], wrapper: "Example", http: null, TestContext.Current.CancellationToken);

        Assert.Contains("public static class Example", result.Files["Widget.v1.csx"], StringComparison.Ordinal);
    }
}
