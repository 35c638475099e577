using System.Security.Cryptography;
using GitOps.Rendering.Git;

namespace GitOps.Rendering.Tests.Git;

public class RenderedBranchWriting
{
    private static readonly CommitIdentity Renderer = new("GitOps Render", "render@example.com");

    private static readonly RenderedFile[] FirstRender =
    [
        new("dev/web/deployment-dev-web.yaml", "apiVersion: apps/v1\nkind: Deployment\n"),
        new("dev/web/service-dev-web.yaml", "apiVersion: v1\nkind: Service\n"),
        new("prod/web/deployment-prod-web.yaml", "apiVersion: apps/v1\nkind: Deployment\nreplicas: 3\n"),
        new(".gitattributes", "*.yaml linguist-generated=true\n"),
    ];

    private static TempGitRepository SourceRepository()
    {
        var repository = TempGitRepository.Init();
        repository.WriteFile("gitops.csx", "// apps");
        repository.CommitAll("Add apps");
        return repository;
    }

    [Fact]
    public void A_new_branch_gets_one_commit_with_exactly_the_files_and_git_reads_them_normally()
    {
        using var repository = SourceRepository();
        var source = repository.Git("rev-parse", "HEAD").Trim();

        var result = new RenderedBranchWriter(repository.Root).Commit("rendered", FirstRender, source, Renderer, "Render abc");

        Assert.True(result.Changed);
        Assert.Equal(result.CommitSha, repository.Git("rev-parse", "rendered").Trim());
        Assert.Equal("1", repository.Git("rev-list", "--count", "rendered").Trim());
        Assert.Equal(
            [".gitattributes", "dev/web/deployment-dev-web.yaml", "dev/web/service-dev-web.yaml", "prod/web/deployment-prod-web.yaml"],
            repository.Git("ls-tree", "-r", "--name-only", "rendered").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("apiVersion: apps/v1\nkind: Deployment\nreplicas: 3\n", repository.Git("show", "rendered:prod/web/deployment-prod-web.yaml"));
        Assert.Contains("Render abc", repository.Git("log", "rendered"), StringComparison.Ordinal);
        repository.Git("fsck", "--strict", "--no-dangling");
    }

    [Fact]
    public void The_message_ends_in_a_source_commit_trailer_and_identity_and_date_come_from_the_source_commit()
    {
        using var repository = SourceRepository();
        var source = repository.Git("rev-parse", "HEAD").Trim();

        new RenderedBranchWriter(repository.Root).Commit("rendered", FirstRender, source, Renderer, "Render from main\n\nBody line.");

        Assert.Equal(source, repository.Git("log", "-1", "--format=%(trailers:key=Source-Commit,valueonly)", "rendered").Trim());
        Assert.Equal($"Render from main\n\nBody line.\n\nSource-Commit: {source}\n", repository.Git("log", "-1", "--format=%B", "rendered").TrimEnd('\n') + "\n");
        Assert.Equal(
            "GitOps Render|render@example.com|GitOps Render|render@example.com",
            repository.Git("log", "-1", "--format=%an|%ae|%cn|%ce", "rendered").Trim());
        Assert.Equal(repository.Git("log", "-1", "--format=%cI", source).Trim(), repository.Git("log", "-1", "--format=%cI", "rendered").Trim());
        Assert.Equal(repository.Git("log", "-1", "--format=%cI", source).Trim(), repository.Git("log", "-1", "--format=%aI", "rendered").Trim());
    }

    [Fact]
    public void A_second_render_replaces_the_whole_tree_on_top_of_the_tip_and_git_diff_shows_it()
    {
        using var repository = SourceRepository();
        var writer = new RenderedBranchWriter(repository.Root);
        var first = writer.Commit("rendered", FirstRender, repository.Git("rev-parse", "HEAD").Trim(), Renderer, "Render 1");
        repository.WriteFile("gitops.csx", "// apps v2");
        var source = repository.CommitAll("Scale prod");
        RenderedFile[] secondRender =
        [
            new("dev/web/deployment-dev-web.yaml", "apiVersion: apps/v1\nkind: Deployment\n"),
            new("prod/web/deployment-prod-web.yaml", "apiVersion: apps/v1\nkind: Deployment\nreplicas: 5\n"),
            new(".gitattributes", "*.yaml linguist-generated=true\n"),
        ];

        var second = writer.Commit("rendered", secondRender, source, Renderer, "Render 2");

        Assert.True(second.Changed);
        Assert.Equal(first.CommitSha, repository.Git("rev-parse", "rendered^").Trim());
        Assert.Equal(
            "D\tdev/web/service-dev-web.yaml\nM\tprod/web/deployment-prod-web.yaml\n",
            repository.Git("diff", "--name-status", first.CommitSha!, second.CommitSha!));
        Assert.Contains("-replicas: 3\n+replicas: 5", repository.Git("diff", first.CommitSha!, second.CommitSha!), StringComparison.Ordinal);
        Assert.DoesNotContain("service-dev-web.yaml", repository.Git("ls-tree", "-r", "--name-only", "rendered"), StringComparison.Ordinal);
        Assert.Contains("Render 2", repository.Git("show", "--stat", "rendered"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_the_same_tree_again_makes_no_commit_and_returns_the_tip()
    {
        using var repository = SourceRepository();
        var writer = new RenderedBranchWriter(repository.Root);
        var first = writer.Commit("rendered", FirstRender, repository.Git("rev-parse", "HEAD").Trim(), Renderer, "Render 1");
        repository.WriteFile("README.md", "docs only");
        var source = repository.CommitAll("Docs");

        var again = writer.Commit("rendered", FirstRender.Reverse().ToArray(), source, Renderer, "Render 2");

        Assert.Equal(new RenderedCommitResult(first.CommitSha, Changed: false), again);
        Assert.Equal("1", repository.Git("rev-list", "--count", "rendered").Trim());
    }

    [Fact]
    public void The_working_tree_index_and_head_are_untouched_even_when_dirty()
    {
        using var repository = SourceRepository();
        repository.WriteFile("gitops.csx", "// edited, not committed");
        repository.WriteFile("staged.csx", "// staged");
        repository.Git("add", "staged.csx");
        repository.WriteFile("untracked.txt", "x");
        var statusBefore = repository.Git("status", "--porcelain=v1", "--untracked-files=all");
        var headBefore = repository.Git("symbolic-ref", "HEAD") + repository.Git("rev-parse", "HEAD");
        var indexBefore = SHA256.HashData(File.ReadAllBytes(Path.Combine(repository.Root, ".git", "index")));

        new RenderedBranchWriter(repository.Root).Commit("rendered", FirstRender, repository.Git("rev-parse", "HEAD").Trim(), Renderer, "Render");

        Assert.Equal(statusBefore, repository.Git("status", "--porcelain=v1", "--untracked-files=all"));
        Assert.Equal(headBefore, repository.Git("symbolic-ref", "HEAD") + repository.Git("rev-parse", "HEAD"));
        Assert.Equal(indexBefore, SHA256.HashData(File.ReadAllBytes(Path.Combine(repository.Root, ".git", "index"))));
        Assert.False(File.Exists(Path.Combine(repository.Root, "dev", "web", "deployment-dev-web.yaml")));
    }

    [Fact]
    public void Two_fresh_clones_rendering_the_same_history_make_identical_commit_ids()
    {
        using var origin = SourceRepository();
        var firstSource = origin.Git("rev-parse", "HEAD").Trim();
        origin.WriteFile("gitops.csx", "// apps v2");
        var secondSource = origin.CommitAll("Change");
        using var cloneA = TempGitRepository.CloneOf(origin);
        using var cloneB = TempGitRepository.CloneOf(origin);
        RenderedFile[] secondRender = [.. FirstRender.Skip(1)];

        var idsA = RenderBoth(cloneA);
        var idsB = RenderBoth(cloneB);

        Assert.Equal(idsA, idsB);
        Assert.NotEqual(idsA.First, idsA.Second);

        (string? First, string? Second) RenderBoth(TempGitRepository clone)
        {
            var writer = new RenderedBranchWriter(clone.Root);
            return (writer.Commit("rendered", FirstRender, firstSource, Renderer, "Render").CommitSha,
                writer.Commit("rendered", secondRender, secondSource, Renderer, "Render").CommitSha);
        }
    }

    [Fact]
    public void The_checked_out_branch_is_refused_and_left_alone()
    {
        using var repository = SourceRepository();
        var head = repository.Git("rev-parse", "main").Trim();

        var error = Assert.Throws<InvalidOperationException>(() =>
            new RenderedBranchWriter(repository.Root).Commit("main", FirstRender, head, Renderer, "Render"));

        Assert.Contains("'main' is checked out", error.Message, StringComparison.Ordinal);
        Assert.Equal(head, repository.Git("rev-parse", "main").Trim());
    }

    [Fact]
    public void A_branch_checked_out_in_a_linked_worktree_is_refused()
    {
        using var repository = SourceRepository();
        var head = repository.Git("rev-parse", "HEAD").Trim();
        var worktree = Path.Combine(Path.GetTempPath(), "gitops-tests", "wt-" + Guid.NewGuid().ToString("N"));
        repository.Git("worktree", "add", "--quiet", "-b", "rendered", worktree);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                new RenderedBranchWriter(repository.Root).Commit("rendered", FirstRender, head, Renderer, "Render"));

            Assert.Contains("checked out in the worktree", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            repository.Git("worktree", "remove", "--force", worktree);
        }
    }

    [Fact]
    public void Run_from_a_linked_worktree_it_refuses_the_main_checkouts_branch_and_writes_others()
    {
        using var repository = SourceRepository();
        var head = repository.Git("rev-parse", "HEAD").Trim();
        var worktree = Path.Combine(Path.GetTempPath(), "gitops-tests", "wt-" + Guid.NewGuid().ToString("N"));
        repository.Git("worktree", "add", "--quiet", "-b", "feature", worktree);
        try
        {
            var writer = new RenderedBranchWriter(worktree);

            var error = Assert.Throws<InvalidOperationException>(() => writer.Commit("main", FirstRender, head, Renderer, "Render"));
            var result = writer.Commit("rendered", FirstRender, head, Renderer, "Render");

            Assert.Contains("checked out in the main working tree", error.Message, StringComparison.Ordinal);
            Assert.Equal(result.CommitSha, repository.Git("rev-parse", "rendered").Trim());
        }
        finally
        {
            repository.Git("worktree", "remove", "--force", worktree);
        }
    }

    [Fact]
    public void A_stale_worktree_whose_folder_is_gone_does_not_block_rendering()
    {
        using var repository = SourceRepository();
        var worktree = Path.Combine(Path.GetTempPath(), "gitops-tests", "wt-" + Guid.NewGuid().ToString("N"));
        repository.Git("worktree", "add", "--quiet", "-b", "elsewhere", worktree);
        Directory.Delete(worktree, recursive: true);

        var result = new RenderedBranchWriter(repository.Root).Commit("rendered", FirstRender, repository.Git("rev-parse", "HEAD").Trim(), Renderer, "Render");

        Assert.True(result.Changed);
    }

    [Fact]
    public void A_bare_repository_can_hold_the_rendered_branch()
    {
        using var source = SourceRepository();
        var bare = Path.Combine(Path.GetTempPath(), "gitops-tests", "bare-" + Guid.NewGuid().ToString("N"));
        source.Git("clone", "--quiet", "--bare", source.Root, bare);
        try
        {
            var result = new RenderedBranchWriter(bare).Commit("rendered", FirstRender, source.Git("rev-parse", "HEAD").Trim(), Renderer, "Render");

            Assert.Equal(result.CommitSha, source.Git("--git-dir", bare, "rev-parse", "rendered").Trim());
        }
        finally
        {
            Directory.Delete(bare, recursive: true);
        }
    }

    [Theory]
    [InlineData("../escape.yaml")]
    [InlineData("/absolute.yaml")]
    [InlineData("dev//web.yaml")]
    [InlineData("dev/./web.yaml")]
    [InlineData(".git/config")]
    [InlineData("dev\\web.yaml")]
    [InlineData("")]
    public void Bad_file_paths_are_refused_before_anything_is_written(string path)
    {
        using var repository = SourceRepository();

        var error = Assert.Throws<ArgumentException>(() => new RenderedBranchWriter(repository.Root)
            .Commit("rendered", [new RenderedFile(path, "x")], repository.Git("rev-parse", "HEAD").Trim(), Renderer, "Render"));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(repository.Git("branch", "--list", "rendered"));
    }

    [Fact]
    public void Duplicate_paths_and_a_file_that_is_also_a_folder_are_refused()
    {
        using var repository = SourceRepository();
        var head = repository.Git("rev-parse", "HEAD").Trim();
        var writer = new RenderedBranchWriter(repository.Root);

        var duplicate = Assert.Throws<ArgumentException>(() =>
            writer.Commit("rendered", [new("a.yaml", "1"), new("a.yaml", "2")], head, Renderer, "Render"));
        var folder = Assert.Throws<ArgumentException>(() =>
            writer.Commit("rendered", [new("dev", "1"), new("dev/a.yaml", "2")], head, Renderer, "Render"));

        Assert.Contains("'a.yaml' is given twice", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("'dev' is also the folder of 'dev/a.yaml'", folder.Message, StringComparison.Ordinal);
        Assert.Empty(repository.Git("branch", "--list", "rendered"));
    }

    [Fact]
    public void An_unknown_source_commit_or_an_invalid_branch_name_is_refused()
    {
        using var repository = SourceRepository();
        var writer = new RenderedBranchWriter(repository.Root);

        var unknown = Assert.Throws<ArgumentException>(() =>
            writer.Commit("rendered", FirstRender, new string('a', 40), Renderer, "Render"));
        var badName = Assert.Throws<ArgumentException>(() =>
            writer.Commit("bad..name", FirstRender, repository.Git("rev-parse", "HEAD").Trim(), Renderer, "Render"));

        Assert.Contains("is not in the repository", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'bad..name' is not a valid branch name", badName.Message, StringComparison.Ordinal);
    }
}
