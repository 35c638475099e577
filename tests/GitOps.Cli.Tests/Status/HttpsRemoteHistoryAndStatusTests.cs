using System.CommandLine;
using GitOps.Cli.Tests.Support;

namespace GitOps.Cli.Tests.Status;

/// <summary>
/// `gitops history` and `gitops status --repo` against the real `git http-backend` behind Kestrel over TLS, with a CA
/// the test generates (trusted only through --git-ca-file) and Basic auth from --git-credentials-file.
/// </summary>
public sealed class HttpsRemoteHistoryAndStatusTests : IAsyncLifetime
{
    private const string Note = "applied and healthy on eu-1 at 2026-11-27T17:05:21Z (path prod)";
    private const string SourceSha = "1111111111111111111111111111111111111111";

    private HttpsGitRemote? remote;
    private string rendered = "";

    private HttpsGitRemote Remote => remote!;

    private string RepoUrl => Remote.Url;

    public async ValueTask InitializeAsync()
    {
        remote = await HttpsGitRemote.StartAsync("https-status-tests");
        rendered = Remote.Commit($"Render prod\n\nSource-Commit: {SourceSha}", ("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        HttpsGitRemote.Git(Remote.WorkPath, "notes", "--ref=gitops", "add", "-m", Note, "HEAD");
        Remote.Push("refs/notes/gitops:refs/notes/gitops");
    }

    public async ValueTask DisposeAsync()
    {
        if (remote is not null)
        {
            await remote.DisposeAsync();
        }
    }

    [Fact]
    public void History_over_https_with_the_ca_file_and_credentials_file_lists_the_rendered_commit_its_source_and_the_note()
    {
        var (exit, output, error) = History("--git-ca-file", Remote.CaFile, "--git-credentials-file", Remote.CredentialsFile);

        Assert.True(exit == 0, error);
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith(rendered[..12], StringComparison.Ordinal));
        Assert.Contains(SourceSha[..12], row, StringComparison.Ordinal);
        Assert.Contains("eu-1/prod: applied and healthy", row, StringComparison.Ordinal);
        Assert.Contains("Render prod", row, StringComparison.Ordinal);
    }

    [Fact]
    public void History_over_https_without_the_ca_file_or_with_another_ca_fails_naming_the_remote()
    {
        var withoutCa = History("--git-credentials-file", Remote.CredentialsFile);
        var otherCa = History("--git-ca-file", Remote.OtherCaFile, "--git-credentials-file", Remote.CredentialsFile);

        foreach (var (exit, output, error) in new[] { withoutCa, otherCa })
        {
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith($"error: fetching branch 'rendered' from {RepoUrl} failed", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_repo_over_https_shows_the_cluster_and_the_commit_it_runs_and_a_wrong_password_fails_without_printing_it()
    {
        var (exit, output, error) = await StatusAsync("--git-ca-file", Remote.CaFile, "--git-credentials-file", Remote.CredentialsFile);

        Assert.True(exit == 0, error);
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith("prod", StringComparison.Ordinal));
        Assert.Matches($@"^prod\s+eu-1\s+{rendered[..12]}\s+{SourceSha[..12]}\s+applied and healthy\s+2026-11-27 17:05:21Z", row);

        var wrong = Path.Combine(Remote.Root, "wrong-credentials");
        File.WriteAllText(wrong, "deploy:not-" + Remote.Password + "\n");
        var (wrongExit, wrongOutput, wrongError) = await StatusAsync("--git-ca-file", Remote.CaFile, "--git-credentials-file", wrong);

        Assert.Equal(1, wrongExit);
        Assert.StartsWith($"error: fetching branch 'rendered' from {RepoUrl} failed", wrongError, StringComparison.Ordinal);
        Assert.DoesNotContain(Remote.Password, wrongOutput + wrongError, StringComparison.Ordinal);
        Assert.Contains(Remote.Server.Requests, r => r.EndsWith("-> 401", StringComparison.Ordinal));
    }

    private (int Exit, string Output, string Error) History(params string[] extra)
    {
        var command = new HistoryCommand();
        var rootCommand = new RootCommand { command.Build() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = command.Run(rootCommand.Parse(["history", "--repo", RepoUrl, "--cache-dir", Remote.NewCacheDirectory(), .. extra]), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<(int Exit, string Output, string Error)> StatusAsync(params string[] extra)
    {
        var command = new StatusCommand();
        var rootCommand = new RootCommand { command.Build() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await command.RunAsync(rootCommand.Parse(["status", "--repo", RepoUrl, "--cache-dir", Remote.NewCacheDirectory(), .. extra]), stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
