using System.CommandLine;
using System.Diagnostics;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Cli.Tests.Status;

/// <summary>
/// `gitops history` and `gitops status --repo` against the real `git http-backend` behind Kestrel over TLS, with a CA
/// the test generates (trusted only through --git-ca-file) and Basic auth from --git-credentials-file.
/// </summary>
public sealed class HttpsRemoteHistoryAndStatusTests : IAsyncLifetime
{
    private const string Note = "applied and healthy on eu-1 at 2026-11-27T17:05:21Z (path prod)";
    private const string SourceSha = "1111111111111111111111111111111111111111";

    private readonly string root = Path.Combine(Path.GetTempPath(), "gitops-cli-https-status-tests", Guid.NewGuid().ToString("N"));
    private readonly string password = "pw-" + Guid.NewGuid().ToString("N");
    private GitHttpServer? git;
    private string rendered = "";

    private string CaFile => Path.Combine(root, "git-ca.pem");

    private string OtherCaFile => Path.Combine(root, "other-ca.pem");

    private string CredentialsFile => Path.Combine(root, "git-credentials");

    private string RepoUrl => git!.Url("remote.git");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(root);
        var work = Path.Combine(root, "work");
        Git(root, "init", "--bare", "--quiet", Path.Combine(root, "remote.git"));
        Git(root, "init", "--quiet", "--initial-branch", "rendered", work);
        Git(work, "config", "user.name", "CLI Tests");
        Git(work, "config", "user.email", "cli-tests@gitops.invalid");
        Git(work, "config", "commit.gpgsign", "false");
        Directory.CreateDirectory(Path.Combine(work, "prod"));
        File.WriteAllText(Path.Combine(work, "prod", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n");
        Git(work, "add", "--all");
        Git(work, "commit", "--quiet", "-m", $"Render prod\n\nSource-Commit: {SourceSha}");
        Git(work, "notes", "--ref=gitops", "add", "-m", Note, "HEAD");
        Git(work, "push", "--quiet", Path.Combine(root, "remote.git"), "HEAD:refs/heads/rendered", "refs/notes/gitops:refs/notes/gitops");
        rendered = Git(work, "rev-parse", "HEAD").Trim();

        var (ca, certificate) = TestCertificates.CaAndServer("127.0.0.1");
        using (ca)
        {
            File.WriteAllText(CaFile, ca.ExportCertificatePem());
        }

        var (otherCa, otherCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        using (otherCa)
        using (otherCertificate)
        {
            File.WriteAllText(OtherCaFile, otherCa.ExportCertificatePem());
        }

        File.WriteAllText(CredentialsFile, $"deploy:{password}\n");
        git = await GitHttpServer.StartAsync(root, "deploy", password, certificate);
    }

    public async ValueTask DisposeAsync()
    {
        if (git is not null)
        {
            await git.DisposeAsync();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the temp dir is cleaned eventually.
        }
    }

    [Fact]
    public void History_over_https_with_the_ca_file_and_credentials_file_lists_the_rendered_commit_its_source_and_the_note()
    {
        var (exit, output, error) = History("--git-ca-file", CaFile, "--git-credentials-file", CredentialsFile);

        Assert.True(exit == 0, error);
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith(rendered[..12], StringComparison.Ordinal));
        Assert.Contains(SourceSha[..12], row, StringComparison.Ordinal);
        Assert.Contains("eu-1/prod: applied and healthy", row, StringComparison.Ordinal);
        Assert.Contains("Render prod", row, StringComparison.Ordinal);
    }

    [Fact]
    public void History_over_https_without_the_ca_file_or_with_another_ca_fails_naming_the_remote()
    {
        var withoutCa = History("--git-credentials-file", CredentialsFile);
        var otherCa = History("--git-ca-file", OtherCaFile, "--git-credentials-file", CredentialsFile);

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
        var (exit, output, error) = await StatusAsync("--git-ca-file", CaFile, "--git-credentials-file", CredentialsFile);

        Assert.True(exit == 0, error);
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith("prod", StringComparison.Ordinal));
        Assert.Matches($@"^prod\s+eu-1\s+{rendered[..12]}\s+{SourceSha[..12]}\s+applied and healthy\s+2026-11-27 17:05:21Z", row);

        var wrong = Path.Combine(root, "wrong-credentials");
        File.WriteAllText(wrong, "deploy:not-" + password + "\n");
        var (wrongExit, wrongOutput, wrongError) = await StatusAsync("--git-ca-file", CaFile, "--git-credentials-file", wrong);

        Assert.Equal(1, wrongExit);
        Assert.StartsWith($"error: fetching branch 'rendered' from {RepoUrl} failed", wrongError, StringComparison.Ordinal);
        Assert.DoesNotContain(password, wrongOutput + wrongError, StringComparison.Ordinal);
        Assert.Contains(git!.Requests, r => r.EndsWith("-> 401", StringComparison.Ordinal));
    }

    private (int Exit, string Output, string Error) History(params string[] extra)
    {
        var command = new HistoryCommand();
        var rootCommand = new RootCommand { command.Build() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = command.Run(rootCommand.Parse(["history", "--repo", RepoUrl, "--cache-dir", Path.Combine(root, "cache-" + Guid.NewGuid().ToString("N")), .. extra]), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<(int Exit, string Output, string Error)> StatusAsync(params string[] extra)
    {
        var command = new StatusCommand();
        var rootCommand = new RootCommand { command.Build() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await command.RunAsync(rootCommand.Parse(["status", "--repo", RepoUrl, "--cache-dir", Path.Combine(root, "cache-" + Guid.NewGuid().ToString("N")), .. extra]), stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output.Result;
    }
}
