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
}
