using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Tests.Manifests;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void Multi_document_files_yield_one_object_per_document_with_its_line()
    {
        var file = new SourceFile("prod/app.yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n# comment only\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n  namespace: shop\n");

        var (objects, errors) = ManifestLoader.Load([file]);

        Assert.Empty(errors);
        Assert.Equal(["ConfigMap a", "Deployment shop/b"], objects.Select(o => o.Ref.ToString()));
        Assert.Equal("prod/app.yaml:9", objects[1].Location);
        Assert.Equal("apps", objects[1].Group);
    }

    [Fact]
    public void Scalars_follow_the_yaml_core_schema_and_quoted_values_stay_strings()
    {
        var file = new SourceFile("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nspec:\n  port: 8079\n  ratio: 0.5\n  on: true\n  quoted: \"true\"\n  number: '80'\n  empty:\n  text: hello\n");

        var body = ManifestLoader.Load([file]).Objects.Single().Body["spec"]!;

        Assert.Equal("{\"port\":8079,\"ratio\":0.5,\"on\":true,\"quoted\":\"true\",\"number\":\"80\",\"empty\":null,\"text\":\"hello\"}", body.ToJsonString());
    }

    [Fact]
    public void An_unparseable_file_is_reported_with_file_and_line()
    {
        var good = new SourceFile("prod/good.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        var bad = new SourceFile("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");

        var (_, errors) = ManifestLoader.Load([good, bad]);

        var error = Assert.Single(errors);
        Assert.StartsWith("prod/bad.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_missing_their_identity_are_each_reported()
    {
        var file = new SourceFile("x.yaml", "kind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Secret\nmetadata: {}\n---\n- just\n- a list\n");

        var (objects, errors) = ManifestLoader.Load([file]);

        Assert.Empty(objects);
        Assert.Equal(["x.yaml:1: ConfigMap has no apiVersion", "x.yaml:5: Secret has no metadata.name", "x.yaml:9: a document must be a mapping (a Kubernetes object)"], errors);
    }

    [Fact]
    public void A_duplicate_key_is_reported_with_its_line()
    {
        var file = new SourceFile("d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");

        var error = Assert.Single(ManifestLoader.Load([file]).Errors);

        Assert.StartsWith("d.yaml:5:", error, StringComparison.Ordinal);
        Assert.Contains("name", error, StringComparison.Ordinal);
    }
}
