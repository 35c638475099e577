using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using GitOps.Sandbox;
using Spectre.Console;

namespace GitOps.Cli.Tests.Reconcile;

/// <summary>`gitops reconcile` end to end: a real bare repository, the sandbox over HTTP through a kubeconfig file.</summary>
public sealed class ReconcileCommandTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "gitops-cli-reconcile-tests", Guid.NewGuid().ToString("N"));
    private SandboxServer? server;

    private string Bare => Path.Combine(root, "remote.git");

    private string Work => Path.Combine(root, "work");

    private string Kubeconfig => Path.Combine(root, "kubeconfig");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(root);
        server = await SandboxServer.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(20) }, TestContext.Current.CancellationToken);
        server.WriteKubeconfig(Kubeconfig);
        Git(root, "init", "--bare", "--quiet", Bare);
        Git(root, "init", "--quiet", "--initial-branch", "rendered", Work);
        Git(Work, "config", "user.name", "CLI Tests");
        Git(Work, "config", "user.email", "cli-tests@gitops.invalid");
        Git(Work, "remote", "add", "origin", Bare);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
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
    public async Task Json_output_reports_each_object_and_exit_code_zero_when_applied_and_healthy()
    {
        Commit(("prod/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"), ("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  color: blue\n"));

        var (exit, output) = await RunAsync("--output", "json");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output)!;
        Assert.True(json["succeeded"]!.GetValue<bool>());
        Assert.False(json["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, json["summary"]!["created"]!.GetValue<int>());
        Assert.Equal("ConfigMap gitops-system/gitops-prod", json["inventory"]!.GetValue<string>());
        var configMap = json["objects"]!.AsArray().Single(o => o!["kind"]!.GetValue<string>() == "ConfigMap")!;
        Assert.Equal("shop", configMap["namespace"]!.GetValue<string>());
        Assert.Equal("created", configMap["action"]!.GetValue<string>());
        Assert.Equal("current", configMap["health"]!.GetValue<string>());
        Assert.Empty(json["errors"]!.AsArray());
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_with_changed_fields_and_writes_nothing()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n"));
        Assert.Equal(0, (await RunAsync()).Exit);
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: green\n"), ("prod/new.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: default\n"));

        var (exit, output) = await RunAsync("--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("Would be", output, StringComparison.Ordinal);
        Assert.Matches(@"ConfigMap default/settings\s*│\s*configured\s*│.*changes data\.color", output);
        Assert.Matches(@"ConfigMap default/extra\s*│\s*created", output);
        Assert.Contains("dry run: nothing was written", output, StringComparison.Ordinal);
        var (_, json) = await RunAsync("--output", "json", "--dry-run");
        Assert.True(JsonNode.Parse(json)!["dryRun"]!.GetValue<bool>());
        using var http = new HttpClient { BaseAddress = server!.Url };
        using var extra = await http.GetAsync("api/v1/namespaces/default/configmaps/extra", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, extra.StatusCode);
        var settings = await http.GetStringAsync("api/v1/namespaces/default/configmaps/settings", TestContext.Current.CancellationToken);
        Assert.Contains("\"blue\"", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_exits_non_zero_and_names_the_bad_file()
    {
        Commit(("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"));

        var (exit, output) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("failed", output, StringComparison.Ordinal);
        Assert.Contains("error: prod/bad.yaml:1: ConfigMap has no metadata.name", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_signatures_applies_a_trusted_signed_commit_and_refuses_a_later_unsigned_one_naming_it_with_exit_one()
    {
        var key = Agent.SignedRenderAndRollbackTests.SshKey(root);
        var allowed = Path.Combine(root, "allowed_signers");
        var publicKey = File.ReadAllText(key + ".pub").Split(' ');
        File.WriteAllText(allowed, $"render@example.com {publicKey[0]} {publicKey[1]}\n");
        Git(Work, "config", "gpg.format", "ssh");
        Git(Work, "config", "user.signingkey", key);
        Git(Work, "config", "commit.gpgsign", "true");
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n"));
        Assert.Equal(0, (await RunAsync("--verify-signatures", "--allowed-signers", allowed)).Exit);
        Git(Work, "config", "commit.gpgsign", "false");
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: green\n"));
        var unsigned = Git(Work, "rev-parse", "HEAD").Trim();

        var (exit, output) = await RunAsync("--verify-signatures", "--allowed-signers", allowed);

        Assert.Equal(1, exit);
        Assert.Contains($"error: refusing commit {unsigned} of branch 'rendered': signature refused: commit {unsigned[..12]} is not signed", output, StringComparison.Ordinal);
        var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["--kubeconfig", Kubeconfig, "get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.color}"]) { RedirectStandardOutput = true })!;
        var color = await kubectl.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await kubectl.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal("blue", color);
    }

    [Fact]
    public async Task A_force_pushed_branch_is_refused_with_exit_one_naming_both_commits_unless_allow_force_push()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n"));
        var applied = Git(Work, "rev-parse", "HEAD").Trim();
        Assert.Equal(0, (await RunAsync()).Exit);
        Git(Work, "checkout", "--quiet", "--orphan", "rewritten");
        File.WriteAllText(Path.Combine(Work, "prod", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: red\n");
        Git(Work, "add", "--all");
        Git(Work, "commit", "--quiet", "-m", "unrelated history");
        Git(Work, "push", "--quiet", "--force", "origin", "HEAD:refs/heads/rendered");
        var rewritten = Git(Work, "rev-parse", "HEAD").Trim();

        var (exit, output) = await RunAsync();

        Assert.Equal(1, exit);
        // The console wraps long lines at its width.
        Assert.Contains(
            $"error: refusing commit {rewritten} of branch 'rendered': branch 'rendered' was force-pushed: {rewritten[..12]} does not descend from the applied {applied[..12]} (use --allow-force-push to accept it)",
            System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "),
            StringComparison.Ordinal);
        Assert.Equal("blue", await ColorAsync());

        var (allowedExit, allowed) = await RunAsync("--allow-force-push");

        Assert.True(allowedExit == 0, allowed);
        Assert.Equal("red", await ColorAsync());
    }

    [Fact]
    public async Task Status_kubeconfig_shows_what_one_shot_runs_recorded_applied_and_then_failed()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        var applied = Git(Work, "rev-parse", "HEAD").Trim();
        Assert.Equal(0, (await RunAsync()).Exit);

        var (exit, output) = await StatusAsync();

        Assert.True(exit == 0, output);
        Assert.Matches($@"(?m)^prod\s+default\s+{applied[..12]}\s+applied\s+1 current\s+\s+\d{{4}}-\d\d-\d\dT", output);

        Commit(("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"));
        Assert.Equal(1, (await RunAsync()).Exit);
        var (failedExit, failed) = await StatusAsync();

        Assert.Equal(1, failedExit);
        Assert.Matches($@"(?m)^prod\s+default\s+{applied[..12]}\s+failed\s+.*prod/bad\.yaml:1: ConfigMap has no metadata\.name$", failed);
    }

    [Fact]
    public async Task Cluster_name_names_the_cluster_in_what_status_kubeconfig_shows_and_a_later_run_without_it_keeps_the_name()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        var applied = Git(Work, "rev-parse", "HEAD").Trim();

        Assert.Equal(0, (await RunAsync("--cluster-name", "eu-west-1")).Exit);
        var (_, named) = await StatusAsync();
        Assert.Equal(0, (await RunAsync()).Exit);
        var (_, kept) = await StatusAsync();

        Assert.Matches($@"(?m)^prod\s+eu-west-1\s+{applied[..12]}\s+applied\s", named);
        Assert.Matches($@"(?m)^prod\s+eu-west-1\s+{applied[..12]}\s+applied\s", kept);
    }

    [Fact]
    public async Task Write_back_with_a_cluster_name_puts_one_shot_runs_in_gitops_history_and_status_repo()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        var applied = Git(Work, "rev-parse", "HEAD").Trim();
        Assert.Equal(0, (await RunAsync("--write-back", "--cluster-name", "eu-west-1")).Exit);
        Commit(("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"));
        var failed = Git(Work, "rev-parse", "HEAD").Trim();
        Assert.Equal(1, (await RunAsync("--write-back", "--cluster-name", "eu-west-1")).Exit);

        var history = new HistoryCommand();
        using var historyOut = new StringWriter();
        using var historyErr = new StringWriter();
        var historyExit = history.Run(new RootCommand { history.Build() }.Parse(["history", "--repo", Bare, "--cache-dir", Path.Combine(root, "history-cache")]), historyOut, historyErr);
        var status = new StatusCommand();
        using var statusOut = new StringWriter();
        using var statusErr = new StringWriter();
        var statusExit = await status.RunAsync(new RootCommand { status.Build() }.Parse(["status", "--repo", Bare, "--cache-dir", Path.Combine(root, "status-cache")]), statusOut, statusErr, TestContext.Current.CancellationToken);

        Assert.True(historyExit == 0, historyErr.ToString());
        Assert.Matches($@"(?m)^{failed[..12]}\s.*eu-west-1/prod: not healthy", historyOut.ToString());
        Assert.Matches($@"(?m)^{applied[..12]}\s.*eu-west-1/prod: applied and healthy", historyOut.ToString());
        Assert.Equal(1, statusExit);
        Assert.Matches($@"(?m)^prod\s+eu-west-1\s+{failed[..12]}\s.*not healthy.*prod/bad\.yaml:1: ConfigMap has no metadata\.name \(last healthy: {applied[..12]}\)", statusOut.ToString());
    }

    private async Task<(int Exit, string Output)> StatusAsync()
    {
        var command = new StatusCommand();
        var rootCommand = new RootCommand { command.Build() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await command.RunAsync(rootCommand.Parse(["status", "--kubeconfig", Kubeconfig]), stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString() + stderr);
    }

    private async Task<string> ColorAsync()
    {
        using var http = new HttpClient { BaseAddress = server!.Url };
        var settings = JsonNode.Parse(await http.GetStringAsync("api/v1/namespaces/default/configmaps/settings", TestContext.Current.CancellationToken))!;
        return settings["data"]!["color"]!.GetValue<string>();
    }

    [Fact]
    public async Task Verify_signatures_without_trusted_keys_is_refused_before_anything_runs()
    {
        var (exit, output) = await RunAsync("--verify-signatures");

        Assert.Equal(1, exit);
        Assert.Contains("error: --verify-signatures needs --allowed-signers FILE or --gpg-keyring DIR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_option_picks_another_kubeconfig_context_and_an_unknown_one_is_named()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        // The current-context points at a port nothing listens on; only --context reaches the sandbox.
        var text = File.ReadAllText(Kubeconfig).Replace("current-context: sandbox", "current-context: nowhere", StringComparison.Ordinal)
            .Replace("contexts:\n", "contexts:\n- name: nowhere\n  context:\n    cluster: nowhere\n", StringComparison.Ordinal)
            .Replace("clusters:\n", "clusters:\n- name: nowhere\n  cluster:\n    server: http://127.0.0.1:1\n", StringComparison.Ordinal);
        File.WriteAllText(Kubeconfig, text);

        var (exit, output) = await RunAsync("--context", "sandbox");
        var (unknownExit, unknown) = await RunAsync("--context", "staging");

        Assert.True(exit == 0, output);
        Assert.Contains("1 created", output, StringComparison.Ordinal);
        Assert.Equal(1, unknownExit);
        Assert.Contains("context 'staging' is not defined", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_with_undecodable_client_certificate_data_fails_with_a_configuration_error()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        File.WriteAllText(Kubeconfig, File.ReadAllText(Kubeconfig).Replace("    token: sandbox", "    client-certificate-data: not-base64!\n    client-key-data: not-base64!", StringComparison.Ordinal));

        var (exit, output) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("error: the cluster configuration's client certificate cannot be used", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_remote_with_the_password_from_the_environment_reconciles_as_a_process_and_never_prints_the_password()
    {
        Commit(("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n"));
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var (ca, certificate) = GitOps.Reconciler.Tests.Support.TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = certificate;
        var caFile = Path.Combine(root, "git-ca.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        await using var git = await GitOps.Reconciler.Tests.Support.GitHttpServer.StartAsync(root, "deploy", password, certificate);

        var wrong = await RunProcessAsync(git.Url("remote.git"), caFile, "deploy", "not-" + password);
        var right = await RunProcessAsync(git.Url("remote.git"), caFile, "deploy", password);

        Assert.True(right.Exit == 0, right.Output);
        Assert.Contains("\"created\": 1", right.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("fetching branch", wrong.Output, StringComparison.Ordinal);
        Assert.Contains($"from {git.Url("remote.git")} failed", wrong.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, right.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, wrong.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the real `gitops` process with the git password only in its environment; returns stdout and stderr together.</summary>
    private async Task<(int Exit, string Output)> RunProcessAsync(string repoUrl, string caFile, string username, string password)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "gitops.dll"), "reconcile", "--repo", repoUrl, "--git-ca-file", caFile, "--branch", "rendered", "--path", "prod", "--kubeconfig", Kubeconfig, "--once", "--timeout", "20s", "--cache-dir", Path.Combine(root, "process-cache"), "--output", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GITOPS_GIT_USERNAME"] = username;
        start.Environment["GITOPS_GIT_PASSWORD"] = password;
        start.Environment["GITOPS_TIMINGS"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] extra)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 200;
        var command = new ReconcileCommand();
        var root = new RootCommand { command.Build() };
        string[] args = ["reconcile", "--repo", Bare, "--branch", "rendered", "--path", "prod", "--kubeconfig", Kubeconfig, "--once", "--timeout", "20s", "--cache-dir", Path.Combine(this.root, "cache"), .. extra];
        var exit = await command.RunAsync(root.Parse(args), console, TestContext.Current.CancellationToken);
        return (exit, writer.ToString());
    }

    private void Commit(params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(Work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git(Work, "add", "--all");
        Git(Work, "commit", "--quiet", "-m", "render");
        Git(Work, "push", "--quiet", "origin", "HEAD:refs/heads/rendered");
    }

    private static string Git(string directory, params string[] args) => GitProcess.Run(directory, args);
}
