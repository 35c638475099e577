using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster.Kubeconfig;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli;

/// <summary>
/// `gitops agent`: runs the reconciler continuously. Every setting can also come from GITOPS_&lt;NAME&gt; or the
/// --config file; this class only gathers settings and starts <see cref="GitOpsAgent"/>.
/// </summary>
internal sealed class AgentCommand : ICliCommand
{
    private const string WebhookSecretVariable = "GITOPS_WEBHOOK_SECRET";

    private readonly Option<FileInfo?> config = new("--config") { Description = "YAML file of settings (keys are the flag names); flags and GITOPS_* variables override it" };
    private readonly Option<string?> repo = new("--repo") { Description = "Git remote of the rendered branch: a path, file://, git:// or https:// URL" };
    private readonly Option<string?> branch = new("--branch") { Description = "Branch holding the rendered YAML (default: rendered)" };
    private readonly Option<string?> path = new("--path") { Description = "Directory in the branch to reconcile (default: .)" };
    private readonly Option<string?> interval = new("--interval") { Description = "Poll and drift-check interval, with 10% jitter (default: 1m)" };
    private readonly Option<string?> listen = new("--listen") { Description = "ADDRESS:PORT for the dashboard (/), /hooks/git, /healthz, /readyz, /metrics and /status" };
    private readonly Option<string?> webhookSecretFile = new("--webhook-secret-file") { Description = $"File holding the webhook's shared secret (or ${WebhookSecretVariable})" };
    private readonly Option<string?> kubeconfig = new("--kubeconfig") { Description = "Kubeconfig file (default: in-cluster, then $KUBECONFIG or ~/.kube/config)" };
    private readonly Option<string?> ns = new("--namespace") { Description = "The agent's namespace: inventory, status, Lease and events (default: gitops-system)" };
    private readonly Option<string?> inventory = new("--inventory") { Description = "Inventory ConfigMap name (default: gitops-<path>)" };
    private readonly Option<string?> cacheDir = new("--cache-dir") { Description = "Where the git cache lives" };
    private readonly Option<string?> credentialsFile = new("--git-credentials-file") { Description = "File with 'user:password' or a token for https remotes" };
    private readonly Option<string?> gitCaFile = new("--git-ca-file") { Description = "PEM file of the CA that signed an https remote's certificate (for a self-hosted git server)" };
    private readonly Option<string?> timeout = new("--timeout") { Description = "Bound on health and deletion waits per run (default: 5m)" };
    private readonly Option<bool> noPrune = new("--no-prune") { Description = "Apply but delete nothing" };
    private readonly Option<bool> noSelfHeal = new("--no-self-heal") { Description = "Report drift without correcting it" };
    private readonly SignatureVerificationOptions signatures = new();
    private readonly Option<bool> allowForcePush = new("--allow-force-push") { Description = "Apply a branch tip that does not descend from the applied commit" };
    private readonly Option<bool> writeBack = WriteBackOption.Create();
    private readonly ClusterNameOption clusterName = ClusterNameOption.ForAgent();
    private readonly Option<string[]> syncWindows = new("--sync-window") { Description = "Apply only inside this window: 'CRON DURATION', e.g. '0 9 * * MON-FRI 8h' (UTC; repeatable)" };
    private readonly Option<bool> noLeaderElection = new("--no-leader-election") { Description = "Run without the Lease (a single replica only)" };
    private readonly Option<string?> identity = new("--identity") { Description = "This replica's name in the Lease (default: $POD_NAME or the host name)" };
    private readonly Option<bool> noUi = new("--no-ui") { Description = "Do not serve the dashboard on the listen address" };
    private readonly DashboardActionOptions dashboardActions = new();
    private readonly Option<string?> logFormat = new("--log-format") { Description = "json (default) or simple" };

    public Command Build()
    {
        var command = new Command("agent", "Run continuously: poll the rendered branch (and take webhooks), reconcile new commits, correct drift, report status and metrics.");
        foreach (var option in new Option[] { config, repo, branch, path, interval, listen, webhookSecretFile, kubeconfig, ns, inventory, cacheDir, credentialsFile, gitCaFile, timeout, noPrune, noSelfHeal, allowForcePush, writeBack, clusterName.Option, syncWindows, noLeaderElection, identity, logFormat, noUi }.Concat(signatures.All).Concat(dashboardActions.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Error, cancellationToken));
        return command;
    }

    internal async Task<int> RunAsync(ParseResult result, TextWriter stderr, CancellationToken cancellationToken)
    {
        AgentOptions options;
        string format;
        try
        {
            var sources = new AgentSettingSources(result.GetValue(config)?.FullName);
            options = Options(result, sources);
            format = sources.Get("log-format", result.GetValue(logFormat)) ?? "json";
        }
        catch (Exception e) when (e is ReconcileException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        using var logging = LoggerFactory.Create(builder =>
        {
            if (format == "simple")
            {
                builder.AddSimpleConsole(o => o.SingleLine = true);
            }
            else
            {
                builder.AddJsonConsole(o =>
                {
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.UseUtcTimestamp = true;
                    // Keep "->" and quotes readable in drift messages; the output is JSON text, not HTML.
                    o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                });
            }
        });
        try
        {
            await using var agent = new GitOpsAgent(options, ClusterConfig.From(result.GetValue(kubeconfig) ?? Environment.GetEnvironmentVariable("GITOPS_KUBECONFIG")), logging.CreateLogger("gitops.agent"));
            await agent.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is ReconcileException or KubeconfigException or IOException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    internal AgentOptions Options(ParseResult result, AgentSettingSources sources)
    {
        var pathValue = sources.Get("path", result.GetValue(path)) ?? ".";
        var credentials = sources.Get("git-credentials-file", result.GetValue(credentialsFile));
        var secretFile = sources.Get("webhook-secret-file", result.GetValue(webhookSecretFile));
        var signaturePolicy = SignatureVerificationOptions.Policy(
            sources.GetBool("verify-signatures", result.GetValue(signatures.Verify)),
            sources.Get("allowed-signers", result.GetValue(signatures.AllowedSigners)),
            sources.Get("gpg-keyring", result.GetValue(signatures.GpgKeyring)));
        var windows = result.GetValue(syncWindows) is { Length: > 0 } given ? given : (sources.Get("sync-window", null)?.Split('\n') ?? []);
        return new AgentOptions
        {
            Reconcile = new ReconcileOptions
            {
                RepositoryUrl = sources.Get("repo", result.GetValue(repo)) ?? throw new ReconcileException($"--repo is required (or {AgentSettingSources.VariableFor("repo")}, or 'repo' in --config)"),
                Branch = sources.Get("branch", result.GetValue(branch)) ?? "rendered",
                Path = pathValue,
                CacheDirectory = sources.Get("cache-dir", result.GetValue(cacheDir)) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gitops", "cache"),
                Credentials = credentials is not null ? GitCredentials.FromFile(credentials) : GitCredentials.FromEnvironment(),
                GitCaFile = sources.Get("git-ca-file", result.GetValue(gitCaFile)) is { } caFile ? Path.GetFullPath(caFile) : null,
                Prune = !sources.GetBool("no-prune", result.GetValue(noPrune)),
                Timeout = Duration("timeout", sources.Get("timeout", result.GetValue(timeout)), TimeSpan.FromMinutes(5)),
                InventoryNamespace = sources.Get("namespace", result.GetValue(ns)) ?? "gitops-system",
                InventoryName = sources.Get("inventory", result.GetValue(inventory)),
            },
            Interval = Duration("interval", sources.Get("interval", result.GetValue(interval)), TimeSpan.FromMinutes(1)),
            Listen = sources.Get("listen", result.GetValue(listen)),
            WebhookSecret = Environment.GetEnvironmentVariable(WebhookSecretVariable) is { Length: > 0 } secret ? secret
                : secretFile is not null ? File.ReadAllText(secretFile).Trim() : null,
            SelfHeal = !sources.GetBool("no-self-heal", result.GetValue(noSelfHeal)),
            Signatures = signaturePolicy,
            AllowForcePush = sources.GetBool("allow-force-push", result.GetValue(allowForcePush)),
            WriteBack = sources.GetBool("write-back", result.GetValue(writeBack)),
            ClusterName = sources.Get("cluster-name", clusterName.Given(result)) ?? ReconcileOptions.DefaultClusterName,
            SyncWindows = windows.Length == 0 ? null : SyncWindows.Create(windows.Select(ParseWindow)),
            Dashboard = DashboardActionOptions.Resolve(sources.GetBool("ui-actions", result.GetValue(dashboardActions.Actions)), sources.Get("ui-token-file", result.GetValue(dashboardActions.TokenFile)))
                with { Enabled = !sources.GetBool("no-ui", result.GetValue(noUi)) },
            LeaderElection = sources.GetBool("no-leader-election", result.GetValue(noLeaderElection)) ? null
                : (sources.Get("identity", result.GetValue(identity)) ?? Environment.GetEnvironmentVariable("POD_NAME")) is { Length: > 0 } name
                    ? new LeaderElectionSettings { Identity = name } : new LeaderElectionSettings(),
        };
    }

    private static (string Cron, TimeSpan Duration) ParseWindow(string window)
    {
        var space = window.Trim().LastIndexOf(' ');
        return space > 0 && DurationParser.TryParse(window.Trim()[(space + 1)..], out var duration)
            ? (window.Trim()[..space], duration)
            : throw new ReconcileException($"--sync-window '{window}': expected 'CRON DURATION' such as '0 9 * * MON-FRI 8h'");
    }

    private static TimeSpan Duration(string name, string? text, TimeSpan fallback) =>
        text is null ? fallback
        : DurationParser.TryParse(text, out var parsed) && parsed > TimeSpan.Zero ? parsed
        : throw new ReconcileException($"--{name}: '{text}' is not a duration such as 30s, 5m or 1h");
}
