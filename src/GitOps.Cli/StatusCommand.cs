using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Status;
using GitOps.Reconciler.WriteBack;

namespace GitOps.Cli;

/// <summary>
/// `gitops status`: which rendered commit each cluster runs and whether it is healthy, either from the git notes the
/// agents push (--repo, no cluster access) or from a cluster's status ConfigMaps (--kubeconfig).
/// </summary>
internal sealed class StatusCommand : ICliCommand
{
    private readonly Option<string?> repo = new("--repo") { Description = "Git remote of the rendered branch: read the agents' notes (refs/notes/gitops)" };
    private readonly Option<string> branch = new("--branch") { Description = "The rendered branch", DefaultValueFactory = _ => "rendered" };
    private readonly Option<string?> kubeconfig = new("--kubeconfig") { Description = "Read the agents' status from this cluster instead" };
    private readonly Option<string> ns = new("--namespace") { Description = "The agents' namespace in the cluster", DefaultValueFactory = _ => "gitops-system" };
    private readonly Option<string?> cacheDir = new("--cache-dir") { Description = "Where the git cache lives" };
    private readonly GitRemoteOptions gitRemote = new();

    public Command Build()
    {
        var command = new Command("status", "Show which rendered commit each cluster runs and whether it is healthy (from git notes with --repo, from the cluster with --kubeconfig).");
        foreach (var option in new Option[] { repo, branch, kubeconfig, ns, cacheDir }.Concat(gitRemote.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    internal async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            if (result.GetValue(repo) is { } url)
            {
                return FromNotes(url, result, stdout);
            }

            return await FromClusterAsync(result, stdout, cancellationToken);
        }
        catch (Exception e) when (e is ReconcileException or IOException or UnauthorizedAccessException or KubeconfigException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private int FromNotes(string url, ParseResult result, TextWriter stdout)
    {
        var history = RenderedHistory.Read(url, result.GetValue(branch)!, null, CacheDirectory(result), gitRemote.Credentials(result), limit: 500, gitRemote.CaFilePath(result));
        var deployments = RenderedHistory.Deployments(history);
        if (deployments.Count == 0)
        {
            stdout.WriteLine($"no agent has reported on branch '{result.GetValue(branch)}' yet (agents report with --write-back)");
            return 0;
        }

        var rows = deployments.Select(d => new[]
        {
            d.Note.Path, d.Note.Cluster, d.Commit.Sha[..12], Short(d.Commit.SourceCommit), d.Note.Outcome,
            d.Note.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            d.Note.IsHealthy ? "" : $"{d.Note.Reason} (last healthy: {Short(d.LastHealthy?.Sha)})",
        });
        TextTable.Write(stdout, ["ENV", "CLUSTER", "RENDERED", "SOURCE", "STATE", "REPORTED", "DETAIL"], rows);
        return deployments.All(d => d.Note.IsHealthy) ? 0 : 1;
    }

    private async Task<int> FromClusterAsync(ParseResult result, TextWriter stdout, CancellationToken cancellationToken)
    {
        var statuses = await AgentControl.ReadStatusesAsync(ClusterConfig.From(result.GetValue(kubeconfig)), result.GetValue(ns)!, cancellationToken);
        if (statuses.Count == 0)
        {
            stdout.WriteLine($"no agent status in namespace {result.GetValue(ns)}");
            return 0;
        }

        string Get(IReadOnlyDictionary<string, string> data, string key) => data.TryGetValue(key, out var value) ? value : "";
        var rows = statuses.Select(s => new[]
        {
            Get(s.Data, "path"), Get(s.Data, "cluster") is { Length: > 0 } cluster ? cluster : "-", Short(Get(s.Data, "lastAppliedCommit")), Get(s.Data, "lastResult"),
            Get(s.Data, "health"), Get(s.Data, "driftCorrections"), Get(s.Data, "lastRunTime"), Get(s.Data, "lastError").ReplaceLineEndings(" "),
        });
        TextTable.Write(stdout, ["ENV", "CLUSTER", "APPLIED", "RESULT", "HEALTH", "DRIFT FIXES", "LAST RUN", "ERROR"], rows);
        return statuses.All(s => Get(s.Data, "healthy") == "true") ? 0 : 1;
    }

    private string CacheDirectory(ParseResult result) =>
        result.GetValue(cacheDir) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gitops", "cache");

    internal static string Short(string? sha) => string.IsNullOrEmpty(sha) ? "-" : sha[..Math.Min(12, sha.Length)];
}
