using GitOps.Reconciler.Rollback;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class SourceRollbackTests
{
    /// <summary>A config repo whose source history has three commits and a rendered branch made from them.</summary>
    private static (TempDirectory Dir, string Root, string[] Sources) ConfigRepo()
    {
        var dir = new TempDirectory();
        var root = dir.Combine("config");
        Git.Run(dir.Path, "init", "--quiet", "--initial-branch", "main", root);
        Git.Run(root, "config", "user.name", "Rollback Tests");
        Git.Run(root, "config", "user.email", "tests@gitops.invalid");
        Git.Run(root, "config", "commit.gpgsign", "false");
        var sources = new List<string>();
        foreach (var replicas in new[] { "1", "2", "5" })
        {
            File.WriteAllText(Path.Combine(root, "replicas.txt"), replicas + "\n");
            Git.Run(root, "add", "--all");
            Git.Run(root, "commit", "--quiet", "-m", $"replicas {replicas}");
            var sha = Git.Run(root, "rev-parse", "HEAD");
            sources.Add(sha);

            // What `gitops render` would commit: prod/ on the rendered branch, with the Source-Commit trailer.
            var blob = Git.RunWithInput(root, $"replicas: {replicas}\n", "hash-object", "-w", "--stdin");
            var prod = Git.RunWithInput(root, $"100644 blob {blob}\tdeploy.yaml\n", "mktree");
            var tree = Git.RunWithInput(root, $"040000 tree {prod}\tprod\n", "mktree");
            var parent = sources.Count > 1 ? new[] { "-p", "rendered" } : [];
            var rendered = Git.Run(root, ["commit-tree", tree, .. parent, "-m", $"Render prod\n\nSource-Commit: {sha}"]);
            Git.Run(root, "update-ref", "refs/heads/rendered", rendered);
        }

        return (dir, root, sources.ToArray());
    }

    [Fact]
    public async Task Rollback_reverts_the_source_commit_behind_the_current_rendered_commit_as_a_new_commit()
    {
        var (dir, root, sources) = ConfigRepo();
        using var _ = dir;

        var result = await SourceRollback.RevertAsync(root, "rendered", "prod", null, TestContext.Current.CancellationToken);

        Assert.Equal([sources[2]], result.RevertedCommits);
        Assert.Equal("2\n", File.ReadAllText(Path.Combine(root, "replicas.txt")));
        Assert.Equal(sources[2], Git.Run(root, "rev-parse", "HEAD~1"));
        Assert.Equal(result.NewSourceCommit, Git.Run(root, "rev-parse", "HEAD"));
        Assert.Contains($"Reverts: {sources[2]}", Git.Run(root, "log", "-1", "--format=%B"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_to_a_source_commit_reverts_everything_after_it()
    {
        var (dir, root, sources) = ConfigRepo();
        using var _ = dir;

        var result = await SourceRollback.RevertAsync(root, "rendered", "prod", sources[0], TestContext.Current.CancellationToken);

        Assert.Equal([sources[2], sources[1]], result.RevertedCommits);
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(root, "replicas.txt")));
        Assert.Equal(sources[2], Git.Run(root, "rev-parse", "HEAD~1"));
    }

    [Fact]
    public async Task Rollback_of_an_unknown_environment_names_it_and_changes_nothing()
    {
        var (dir, root, sources) = ConfigRepo();
        using var _ = dir;

        var error = await Assert.ThrowsAsync<ReconcileException>(() => SourceRollback.RevertAsync(root, "rendered", "staging", null, TestContext.Current.CancellationToken));

        Assert.Contains("'staging'", error.Message, StringComparison.Ordinal);
        Assert.Equal(sources[2], Git.Run(root, "rev-parse", "HEAD"));
    }

    [Fact]
    public async Task Push_sends_the_revert_and_the_rendered_branch_to_the_upstream_bare_remote()
    {
        var (dir, root, sources) = ConfigRepo();
        using var _ = dir;
        var bare = dir.Combine("remote.git");
        Git.Run(dir.Path, "init", "--quiet", "--bare", bare);
        Git.Run(root, "remote", "add", "upstream", bare);
        Git.Run(root, "push", "--quiet", "--set-upstream", "upstream", "main", "rendered");
        var reverted = await SourceRollback.RevertAsync(root, "rendered", "prod", null, TestContext.Current.CancellationToken);
        var rendered = Git.Run(root, ["commit-tree", "-m", "re-render", "-p", "rendered", "rendered^{tree}"]);
        Git.Run(root, "update-ref", "refs/heads/rendered", rendered);

        var pushed = await RollbackPush.PushAsync(root, "rendered", null, TestContext.Current.CancellationToken);

        Assert.Equal(new RollbackPushResult("upstream", "refs/heads/main", "refs/heads/rendered"), pushed);
        Assert.Equal(reverted.NewSourceCommit, Git.Run(bare, "rev-parse", "refs/heads/main"));
        Assert.Equal(rendered, Git.Run(bare, "rev-parse", "refs/heads/rendered"));
        Assert.Equal(sources[2], Git.Run(bare, "rev-parse", "refs/heads/main~1"));
    }

    [Fact]
    public async Task A_push_the_remote_rejects_updates_nothing_there_and_says_to_pull()
    {
        var (dir, root, _) = ConfigRepo();
        using var _ = dir;
        var bare = dir.Combine("remote.git");
        Git.Run(dir.Path, "init", "--quiet", "--bare", bare);
        Git.Run(root, "remote", "add", "origin", bare);
        Git.Run(root, "push", "--quiet", "origin", "main", "rendered");

        // Someone else pushed to main meanwhile: the revert no longer fast-forwards it.
        var other = dir.Combine("other");
        Git.Run(dir.Path, "clone", "--quiet", "--branch", "main", bare, other);
        Git.Run(other, "-c", "user.name=Other", "-c", "user.email=other@gitops.invalid", "commit", "--quiet", "--allow-empty", "-m", "meanwhile");
        Git.Run(other, "push", "--quiet", "origin", "main");
        var remoteMain = Git.Run(bare, "rev-parse", "refs/heads/main");
        var remoteRendered = Git.Run(bare, "rev-parse", "refs/heads/rendered");
        await SourceRollback.RevertAsync(root, "rendered", "prod", null, TestContext.Current.CancellationToken);
        Git.Run(root, "update-ref", "refs/heads/rendered", Git.Run(root, ["commit-tree", "-m", "re-render", "-p", "rendered", "rendered^{tree}"]));

        var error = await Assert.ThrowsAsync<ReconcileException>(() => RollbackPush.PushAsync(root, "rendered", null, TestContext.Current.CancellationToken));

        Assert.Contains("pushing the rollback to 'origin' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("pull and push again", error.Message, StringComparison.Ordinal);
        Assert.Equal(remoteMain, Git.Run(bare, "rev-parse", "refs/heads/main"));
        Assert.Equal(remoteRendered, Git.Run(bare, "rev-parse", "refs/heads/rendered"));
    }

    [Fact]
    public async Task Push_without_upstream_or_origin_reports_nothing_pushed()
    {
        var (dir, root, _) = ConfigRepo();
        using var _ = dir;

        Assert.Null(await RollbackPush.PushAsync(root, "rendered", null, TestContext.Current.CancellationToken));
    }
}
