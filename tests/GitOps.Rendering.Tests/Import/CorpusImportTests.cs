using GitOps.Rendering.Import;

namespace GitOps.Rendering.Tests.Import;

public sealed class CorpusImportTests
{
    [Fact]
    public void Sock_shop_imports_to_typed_csharp_that_renders_back_the_same_objects()
    {
        using var temp = new TempFolder();
        var result = RepositoryImporter.Import(ImportHarness.Single("sock-shop", ImportHarness.CorpusFolder("sock-shop")));
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        Assert.Contains("new V1Deployment", result.Files["apps/sock-shop.csx"], StringComparison.Ordinal);
        Assert.DoesNotContain("CustomObject", result.Files["apps/sock-shop.csx"], StringComparison.Ordinal);
        Assert.Contains("App(\"sock-shop\", SockShopApp.Objects, standardLabels: false);", result.Files["gitops.csx"], StringComparison.Ordinal);
    }

    [Fact]
    public void Guestbook_imports_as_one_app_named_after_its_folder()
    {
        using var temp = new TempFolder();
        var result = RepositoryImporter.Import(ImportHarness.Single("fallback", ImportHarness.CorpusFolder("guestbook")));
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        Assert.Equal(["apps/fallback.csx", "environments/default.csx", "gitops.csx"], result.Files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Import_output_is_deterministic()
    {
        var first = RepositoryImporter.Import(ImportHarness.Single("sock-shop", ImportHarness.CorpusFolder("sock-shop")));
        var second = RepositoryImporter.Import(ImportHarness.Single("sock-shop", ImportHarness.CorpusFolder("sock-shop")));

        Assert.Equal(first.Files, second.Files);
    }
}
