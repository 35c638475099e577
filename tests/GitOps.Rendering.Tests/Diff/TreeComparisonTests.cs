using GitOps.Rendering.Diff;

namespace GitOps.Rendering.Tests.Diff;

public sealed class TreeComparisonTests
{
    [Fact]
    public void Same_objects_are_identical_whatever_the_metadata_files_say()
    {
        var committed = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 1)).File("dev/README.md", "old").Build();
        var rendered = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 1)).File("dev/README.md", "new").Build();

        Assert.True(TreeComparison.Compare(committed, rendered).IsIdentical);
    }

    [Fact]
    public void Changed_added_and_removed_files_are_listed_with_a_unified_diff_per_changed_file()
    {
        var committed = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 1))
            .Object("dev", "shop", RenderedTreeBuilder.ConfigMap("gone", "ns", "x"))
            .Build();
        var rendered = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 2))
            .Object("dev", "shop", RenderedTreeBuilder.ConfigMap("new", "ns", "x"))
            .Build();

        var comparison = TreeComparison.Compare(committed, rendered);

        Assert.False(comparison.IsIdentical);
        Assert.Equal(["dev/shop/configmap-ns-new.yaml"], comparison.Added);
        Assert.Equal(["dev/shop/configmap-ns-gone.yaml"], comparison.Removed);
        var changed = Assert.Single(comparison.Changed);
        Assert.Equal("dev/shop/deployment-ns-web.yaml", changed.Path);
        Assert.Contains("@@ ", changed.Diff);
        Assert.Contains("\n-  replicas: 1\n+  replicas: 2\n", changed.Diff);
    }

    [Fact]
    public void Environment_filter_ignores_other_environments()
    {
        var committed = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 1)).Build();
        var rendered = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 2))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("web", "ns", 2)).Build();

        Assert.False(TreeComparison.Compare(committed, rendered, ["prod"]).Removed.Any());
        Assert.Empty(TreeComparison.Compare(committed, rendered, ["prod"]).Changed);
        Assert.Single(TreeComparison.Compare(committed, rendered, ["prod"]).Added);
    }
}
