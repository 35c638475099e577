using GitOps.Rendering.Import;
using System.Runtime.CompilerServices;

namespace GitOps.Rendering.Tests.Import;

public sealed class MultiEnvironmentImportTests
{
    private static readonly string[] Environments = ["dev", "staging", "prod"];

    private static ImportResult ImportFixture() => RepositoryImporter.Import(new ImportRequest(
        Environments.Select(env => KeyValuePair.Create(env, (IReadOnlyList<string>)[Path.Combine(FixtureFolder(), env)])).ToList(),
        App: null,
        DefaultApp: "shop"));

    private static string FixtureFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "multi-env");

    [Fact]
    public void Three_environments_render_back_exactly_from_shared_objects_and_overlays()
    {
        using var temp = new TempFolder();
        var result = ImportFixture();
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        Assert.Empty(ImportVerifier.Verify(root, result, Path.Combine(temp.Path, "cache")));
    }

    [Fact]
    public void Differences_become_the_overlays_a_person_would_write()
    {
        var files = ImportFixture().Files;
        var dev = files["environments/dev.csx"];
        var prod = files["environments/prod.csx"];
        var app = files["apps/shop.csx"];

        Assert.Contains("e.Namespace = \"shop-dev\";", dev, StringComparison.Ordinal);
        Assert.Contains("e.NamePrefix = \"dev-\";", dev, StringComparison.Ordinal);
        Assert.Contains("e.Labels[\"env\"] = \"dev\";", dev, StringComparison.Ordinal);
        Assert.Contains("e.Image(\"ghcr.io/acme/web\", newTag: \"1.2.0-rc1\");", dev, StringComparison.Ordinal);
        Assert.Contains("e.Replicas[\"web\"] = 3;", prod, StringComparison.Ordinal);
        Assert.Contains("e.Patch<V1ConfigMap>(\"shop\", \"shop-config\"", prod, StringComparison.Ordinal);
        Assert.Contains("new ConfigMapGenerator(\"shop-config\")", app, StringComparison.Ordinal);
        Assert.Contains("if (env.Is(\"staging\") || env.Is(\"prod\"))", app, StringComparison.Ordinal);
        Assert.DoesNotContain("shop-dev", app, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-web", app, StringComparison.Ordinal);
    }
}
