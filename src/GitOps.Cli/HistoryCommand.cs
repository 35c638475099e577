using System.CommandLine;
using System.Globalization;
using GitOps.Reconciler;
using GitOps.Reconciler.WriteBack;

namespace GitOps.Cli;

/// <summary>`gitops history`: rendered commits, newest first, with their source commits and where they were applied.</summary>
internal sealed class HistoryCommand : ICliCommand
{
    private readonly Option<string> repo = new("--repo") { Description = "Git remote of the rendered branch", Required = true };
    private readonly Option<string> branch = new("--branch") { Description = "The rendered branch", DefaultValueFactory = _ => "rendered" };
    private readonly Option<string?> path = new("--path") { Description = "Only commits that changed this environment's folder" };
    private readonly Option<int> limit = new("--limit") { Description = "How many commits", DefaultValueFactory = _ => 20 };
    private readonly Option<string?> cacheDir = new("--cache-dir") { Description = "Where the git cache lives" };
    private readonly GitRemoteOptions gitRemote = new();

    public Command Build()
    {
        var command = new Command("history", "List rendered commits with their source commits (Source-Commit trailer) and the clusters that applied them (git notes).");
        foreach (var option in new Option[] { repo, branch, path, limit, cacheDir }.Concat(gitRemote.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(result => Run(result, Console.Out, Console.Error));
        return command;
    }

    internal int Run(ParseResult result, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<RenderedCommitInfo> history;
        try
        {
            var cache = result.GetValue(cacheDir) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gitops", "cache");
            history = RenderedHistory.Read(result.GetValue(repo)!, result.GetValue(branch)!, result.GetValue(path), cache, gitRemote.Credentials(result), result.GetValue(limit), gitRemote.CaFilePath(result));
        }
        catch (Exception e) when (e is ReconcileException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }

        var rows = history.Select(c => new[]
        {
            c.Sha[..12], StatusCommand.Short(c.SourceCommit), c.When.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            c.Notes.Count == 0 ? "-" : string.Join(", ", c.Notes.Select(n => $"{n.Cluster}/{n.Path}: {n.Outcome}")),
            c.Subject,
        });
        TextTable.Write(stdout, ["RENDERED", "SOURCE", "DATE", "APPLIED", "SUBJECT"], rows);
        return 0;
    }
}
