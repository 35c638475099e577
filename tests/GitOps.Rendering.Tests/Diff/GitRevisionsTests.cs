using GitOps.Rendering.Diff;
using GitOps.Rendering.Git;

namespace GitOps.Rendering.Tests.Diff;

public sealed class GitRevisionsTests
{
    [Fact]
    public void Export_writes_an_older_commit_without_touching_the_working_tree()
    {
        using var repo = new GitTestRepo();
        repo.Write("gitops.csx", "// v1\n").Write("environments/dev.csx", "// dev\n");
        var first = repo.Commit("one");
        repo.Write("gitops.csx", "// v2\n");
        repo.Commit("two");
        repo.Write("gitops.csx", "// dirty\n");
        var target = Path.Combine(repo.Root + "-export");

        try
        {
            var sha = GitRevisions.Export(repo.Root, "HEAD~1", target);

            Assert.Equal(first, sha);
            Assert.Equal("// v1\n", File.ReadAllText(Path.Combine(target, "gitops.csx")));
            Assert.Equal("// dev\n", File.ReadAllText(Path.Combine(target, "environments", "dev.csx")));
            Assert.Equal("// dirty\n", File.ReadAllText(Path.Combine(repo.Root, "gitops.csx")));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public void A_missing_revision_is_named_in_the_error()
    {
        using var repo = new GitTestRepo();
        repo.Write("a.txt", "a\n").Commit("one");

        var error = Assert.Throws<ArgumentException>(() => RenderedTrees.FromRevision(repo.Root, "no-such-branch"));

        Assert.Contains("'no-such-branch' does not exist", error.Message);
    }

    [Fact]
    public void A_branch_tree_reads_back_as_rendered_files()
    {
        using var repo = new GitTestRepo();
        repo.Write("a.txt", "a\n").Commit("one");
        var sha = repo.Git("rev-parse", "HEAD").Trim();
        new RenderedBranchWriter(repo.Root).Commit("rendered", [new RenderedFile("dev/shop/x.yaml", "kind: X\n")], sha, new CommitIdentity("r", "r@example.com"), "render");

        var files = RenderedTrees.FromRevision(repo.Root, "rendered");

        Assert.Equal([new RenderedFile("dev/shop/x.yaml", "kind: X\n")], files);
    }
}
