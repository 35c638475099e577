using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Dashboard;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli;

/// <summary>
/// `gitops ui`: the agents' dashboard served locally, reading every agent's status, inventory and live objects in a
/// cluster (and, with --repo, the rendered branch for desired YAML, commit subjects and diffs).
/// </summary>
internal sealed class UiCommand : ICliCommand
{
    private readonly Option<string?> kubeconfig = new("--kubeconfig") { Description = "Kubeconfig file (default: in-cluster, then $KUBECONFIG or ~/.kube/config)" };
    private readonly Option<string> listen = new("--listen") { Description = "ADDRESS:PORT to serve on", DefaultValueFactory = _ => "127.0.0.1:8080" };
    private readonly Option<string> ns = new("--namespace") { Description = "The agents' namespace", DefaultValueFactory = _ => "gitops-system" };
    private readonly Option<string?> repo = new("--repo") { Description = "Git remote of the rendered branch, for desired YAML, commit subjects and diffs" };
    private readonly Option<string> branch = new("--branch") { Description = "The rendered branch", DefaultValueFactory = _ => "rendered" };
    private readonly Option<string?> cacheDir = new("--cache-dir") { Description = "Where the git cache lives" };
    private readonly DashboardActionOptions actions = new();

    public Command Build()
    {
        var command = new Command("ui", "Serve the dashboard locally: environments, sync and health, objects, drift and history, read from the cluster.");
        foreach (var option in new Option[] { kubeconfig, listen, ns, repo, branch, cacheDir }.Concat(actions.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    internal async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        try
        {
            var options = new DashboardServerOptions
            {
                Listen = result.GetValue(listen)!,
                Namespace = result.GetValue(ns)!,
                RepositoryUrl = result.GetValue(repo),
                Branch = result.GetValue(branch)!,
                CacheDirectory = result.GetValue(cacheDir) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gitops", "cache"),
                Dashboard = DashboardActionOptions.Resolve(result.GetValue(actions.Actions), result.GetValue(actions.TokenFile)),
            };
            await using var server = await DashboardServer.StartAsync(options, ClusterConfig.From(result.GetValue(kubeconfig)), logging.CreateLogger("gitops.ui"), cancellationToken);
            await stdout.WriteLineAsync($"gitops ui: dashboard on {server.Url} ({(options.Dashboard.ActionsEnabled ? "actions enabled" : "read-only")}); Ctrl+C stops it");
            await stdout.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return 0;
        }
        catch (Exception e) when (e is ReconcileException or KubeconfigException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
