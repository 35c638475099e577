using GitOps.Rendering.Diff;

namespace GitOps.Rendering.Tests.Diff;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Hunks_count_lines_as_git_does_without_a_phantom_last_line()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\n", "a\nB\nc\n", "a/f.yaml", "b/f.yaml");

        Assert.Equal("--- a/f.yaml\n+++ b/f.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", diff);
    }

    [Fact]
    public void A_new_file_is_all_additions()
    {
        Assert.Equal("--- /dev/null\n+++ b/f.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Create("", "a\nb\n", "/dev/null", "b/f.yaml"));
    }

    [Fact]
    public void Equal_texts_have_no_diff()
    {
        Assert.Equal("", UnifiedDiff.Create("a\n", "a\n", "x", "y"));
    }

    [Fact]
    public void Git_apply_accepts_the_diffs()
    {
        using var repo = new GitTestRepo();
        repo.Write("dev/shop/web.yaml", "kind: Deployment\nspec:\n  replicas: 1\n");
        var changed = UnifiedDiff.Create("kind: Deployment\nspec:\n  replicas: 1\n", "kind: Deployment\nspec:\n  replicas: 2\n", "a/dev/shop/web.yaml", "b/dev/shop/web.yaml");
        var added = UnifiedDiff.Create("", "kind: Service\n", "/dev/null", "b/dev/shop/svc.yaml");
        File.WriteAllText(Path.Combine(repo.Root, "change.patch"), changed + added);

        repo.Git("apply", "change.patch");

        Assert.Equal("kind: Deployment\nspec:\n  replicas: 2\n", File.ReadAllText(Path.Combine(repo.Root, "dev", "shop", "web.yaml")));
        Assert.Equal("kind: Service\n", File.ReadAllText(Path.Combine(repo.Root, "dev", "shop", "svc.yaml")));
    }
}
