using GitOps.Rendering.Diff;

namespace GitOps.Rendering.Tests.Diff;

public sealed class RenderDiffTests
{
    [Fact]
    public void One_replica_change_shows_exactly_that_field_of_that_object_in_that_environment()
    {
        var before = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("web", "shop-prod", 3))
            .Object("prod", "shop", RenderedTreeBuilder.ConfigMap("settings", "shop-prod", "x"))
            .Build();
        var after = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("web", "shop-prod", 4))
            .Object("prod", "shop", RenderedTreeBuilder.ConfigMap("settings", "shop-prod", "x"))
            .Build();

        var report = RenderDiff.Compare(before, after, "base", "head");

        Assert.True(report.HasDifferences);
        Assert.Equal(["dev", "prod"], report.Environments.Select(e => e.Name));
        Assert.Empty(report.Environments[0].Objects);
        var changed = Assert.Single(report.Environments[1].Objects);
        Assert.Equal(("shop", "Deployment/shop-prod/web", ChangeKind.Changed), (changed.App, changed.DisplayName, changed.Change));
        Assert.Equal("spec.replicas: 3 → 4", Assert.Single(changed.Fields).ToString());
        Assert.Contains("-  replicas: 3\n+  replicas: 4\n", changed.Diff);
        Assert.StartsWith("--- a/prod/shop/deployment-shop-prod-web.yaml\n+++ b/prod/shop/deployment-shop-prod-web.yaml\n", changed.Diff);
    }

    [Fact]
    public void Identical_trees_have_no_differences_even_when_metadata_and_readme_change()
    {
        var tree = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1));
        var before = tree.File("dev/README.md", "source abc\n").File("dev/.gitops-render.json", "{\"source\":\"abc\"}").Build();
        var after = tree.File("dev/README.md", "source def\n").File("dev/.gitops-render.json", "{\"source\":\"def\"}").Build();

        var report = RenderDiff.Compare(before, after, "base", "head");

        Assert.False(report.HasDifferences);
    }

    [Fact]
    public void Added_and_removed_objects_are_listed_with_whole_file_diffs()
    {
        var before = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("dev", "shop", RenderedTreeBuilder.ConfigMap("old", "shop-dev", "x"))
            .Build();
        var after = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("dev", "cache", RenderedTreeBuilder.Deployment("redis", "shop-dev", 1))
            .Build();

        var environment = Assert.Single(RenderDiff.Compare(before, after, "base", "head").Environments);

        Assert.Equal(
            ["cache Deployment/shop-dev/redis Added", "shop ConfigMap/shop-dev/old Removed"],
            environment.Objects.Select(o => $"{o.App} {o.DisplayName} {o.Change}"));
        Assert.StartsWith("--- /dev/null\n+++ b/dev/cache/", environment.Objects[0].Diff);
        Assert.Contains("+kind: Deployment\n", environment.Objects[0].Diff);
        Assert.Contains("-kind: ConfigMap\n", environment.Objects[1].Diff);
    }

    [Fact]
    public void An_environment_on_one_side_only_is_all_added_or_all_removed()
    {
        var before = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("old", "shop", RenderedTreeBuilder.Deployment("web", "shop-old", 1))
            .Build();
        var after = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("qa", "shop", RenderedTreeBuilder.Deployment("web", "shop-qa", 1))
            .Object("qa", "shop", RenderedTreeBuilder.ConfigMap("settings", "shop-qa", "x"))
            .Build();

        var report = RenderDiff.Compare(before, after, "base", "head");

        var old = report.Environments.Single(e => e.Name == "old");
        var qa = report.Environments.Single(e => e.Name == "qa");
        Assert.Equal(ChangeKind.Removed, old.Presence);
        Assert.All(old.Objects, o => Assert.Equal(ChangeKind.Removed, o.Change));
        Assert.Equal(ChangeKind.Added, qa.Presence);
        Assert.Equal(2, qa.Count(ChangeKind.Added));
    }

    [Fact]
    public void A_generated_config_map_whose_hash_changed_is_one_changed_object()
    {
        var before = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.ConfigMap("settings-0123456789", "shop-dev", "a")).Build();
        var after = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.ConfigMap("settings-abcdef0123", "shop-dev", "b")).Build();

        var changed = Assert.Single(Assert.Single(RenderDiff.Compare(before, after, "base", "head").Environments).Objects);

        Assert.Equal(ChangeKind.Changed, changed.Change);
        Assert.Equal(["data.key", "metadata.name"], changed.Fields.Select(f => f.Path).Order());
    }

    [Fact]
    public void Environment_filter_limits_the_report()
    {
        var tree = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("web", "shop-prod", 1))
            .Build();

        var report = RenderDiff.Compare([], tree, "base", "head", ["prod"]);

        Assert.Equal("prod", Assert.Single(report.Environments).Name);
    }

    [Fact]
    public void A_corrupt_object_file_is_reported_with_its_path_and_line()
    {
        var tree = new RenderedTreeBuilder().File("dev/shop/deployment-web.yaml", "kind: Deployment\nspec: [unclosed\n").Build();

        var error = Assert.Throws<InvalidDataException>(() => RenderDiff.Compare(tree, tree, "base", "head"));

        Assert.StartsWith("dev/shop/deployment-web.yaml(", error.Message);
        Assert.Contains("not valid YAML", error.Message);
    }
}
