using System.Diagnostics;

namespace GitOps.Cli.Tests.Agent;

public sealed class SignedRenderAndRollbackTests
{
    private static (int Exit, string Out, string Err) Render(ConfigRepo repo, params string[] args)
    {
        var render = new RenderCommand();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = render.Run(render.Build().Parse(["--cache-dir", repo.Cache, .. args]), stdout, stderr, repo.Root);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    internal static string SshKey(string directory)
    {
        var key = Path.Combine(directory, "render_ed25519");
        using var process = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "render@example.com", "-f", key]))!;
        process.WaitForExit();
        return key;
    }

    [Fact]
    public void Render_with_sign_ssh_commits_a_signed_rendered_commit_that_git_verify_commit_accepts()
    {
        using var repo = new ConfigRepo();
        var keys = Directory.CreateDirectory(repo.Out).FullName;
        var key = SshKey(keys);
        var publicKey = File.ReadAllText(key + ".pub").Split(' ');
        var allowed = Path.Combine(keys, "allowed_signers");
        File.WriteAllText(allowed, $"render@example.com {publicKey[0]} {publicKey[1]}\n");

        var (exit, output, error) = Render(repo, "--sign", $"ssh:{key}");

        Assert.True(exit == 0, error);
        var tip = repo.Git("rev-parse", "rendered").Trim();
        Assert.Contains($"committed {tip}", output, StringComparison.Ordinal);
        repo.Git("-c", "gpg.format=ssh", "-c", $"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", tip);
        Assert.Equal("G", repo.Git("-c", "gpg.format=ssh", "-c", $"gpg.ssh.allowedSignersFile={allowed}", "log", "-1", "--format=%G?", tip).Trim());
    }

    [Fact]
    public void Render_with_a_malformed_sign_option_fails_and_names_the_expected_forms()
    {
        using var repo = new ConfigRepo();

        var (exit, _, error) = Render(repo, "--sign", "pgp:abc");

        Assert.Equal(1, exit);
        Assert.Contains("expected ssh:KEYFILE or gpg:KEYID", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_reverts_the_last_source_change_of_prod_as_a_new_commit_and_renders_the_old_objects_again()
    {
        using var repo = new ConfigRepo();
        Assert.Equal(0, Render(repo).Exit);
        var firstTree = repo.Git("rev-parse", "rendered:prod/shop").Trim();
        File.WriteAllText(Path.Combine(repo.Root, "gitops.csx"), "App(\"shop\", env => new WebService(\"web\") { Image = \"nginx:1.28\" });\n");
        repo.Git("commit", "-q", "-am", "bump nginx");
        var bump = repo.Git("rev-parse", "HEAD").Trim();
        Assert.Equal(0, Render(repo).Exit);
        Assert.NotEqual(firstTree, repo.Git("rev-parse", "rendered:prod/shop").Trim());

        var rollback = new RollbackCommand();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await rollback.RunAsync(rollback.Build().Parse(["--env", "prod"]), stdout, stderr, repo.Root, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains($"reverted {bump[..12]}", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(bump, repo.Git("rev-parse", "HEAD~1").Trim());
        Assert.Contains("nginx:1.27", File.ReadAllText(Path.Combine(repo.Root, "gitops.csx")), StringComparison.Ordinal);
        Assert.Equal(firstTree, repo.Git("rev-parse", "rendered:prod/shop").Trim());
    }

    [Fact]
    public async Task Rollback_pushes_the_revert_and_the_new_rendered_commit_to_the_origin_bare_repo()
    {
        using var repo = new ConfigRepo();
        // Under Out, which the repo deletes on dispose.
        var bare = Path.Combine(Directory.CreateDirectory(repo.Out).FullName, "remote.git");
        GitProcess.Run(repo.Out, "init", "-q", "--bare", bare);
        repo.Git("remote", "add", "origin", bare);
        Assert.Equal(0, Render(repo).Exit);
        File.WriteAllText(Path.Combine(repo.Root, "gitops.csx"), "App(\"shop\", env => new WebService(\"web\") { Image = \"nginx:1.28\" });\n");
        repo.Git("commit", "-q", "-am", "bump nginx");
        Assert.Equal(0, Render(repo).Exit);
        var branch = repo.Git("symbolic-ref", "--short", "HEAD").Trim();
        repo.Git("push", "-q", "origin", branch, "rendered");

        var rollback = new RollbackCommand();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await rollback.RunAsync(rollback.Build().Parse(["--env", "prod"]), stdout, stderr, repo.Root, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains($"pushed refs/heads/{branch} and refs/heads/rendered to 'origin'", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), GitProcess.Run(bare, "rev-parse", $"refs/heads/{branch}").Trim());
        Assert.Equal(repo.Git("rev-parse", "rendered").Trim(), GitProcess.Run(bare, "rev-parse", "refs/heads/rendered").Trim());
        Assert.Contains("Reverts: ", GitProcess.Run(bare, "log", "-1", "--format=%B", $"refs/heads/{branch}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_with_no_push_leaves_the_remote_as_it_was()
    {
        using var repo = new ConfigRepo();
        // Under Out, which the repo deletes on dispose.
        var bare = Path.Combine(Directory.CreateDirectory(repo.Out).FullName, "remote.git");
        GitProcess.Run(repo.Out, "init", "-q", "--bare", bare);
        repo.Git("remote", "add", "origin", bare);
        Assert.Equal(0, Render(repo).Exit);
        File.WriteAllText(Path.Combine(repo.Root, "gitops.csx"), "App(\"shop\", env => new WebService(\"web\") { Image = \"nginx:1.28\" });\n");
        repo.Git("commit", "-q", "-am", "bump nginx");
        Assert.Equal(0, Render(repo).Exit);
        var branch = repo.Git("symbolic-ref", "--short", "HEAD").Trim();
        repo.Git("push", "-q", "origin", branch, "rendered");
        var before = GitProcess.Run(bare, "rev-parse", $"refs/heads/{branch}", "refs/heads/rendered");

        var rollback = new RollbackCommand();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await rollback.RunAsync(rollback.Build().Parse(["--env", "prod", "--no-push"]), stdout, stderr, repo.Root, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("not pushed (--no-push)", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, GitProcess.Run(bare, "rev-parse", $"refs/heads/{branch}", "refs/heads/rendered"));
    }
}
