using System.CommandLine;
using GitOps.Rendering;
using GitOps.Rendering.Diff;
using GitOps.Rendering.Git;

namespace GitOps.Cli;

/// <summary>
/// `gitops check`: renders every environment in memory and compares it with the committed rendered output (the tip of
/// the rendered branch, or --against DIR|REF). Exit 0 when identical, 1 when not, 2 when it cannot tell. Never writes.
/// </summary>
internal sealed class CheckCommand : ICliCommand
{
    private readonly ConfigRepositoryOption repo = new();
    private readonly Option<string[]> environments = new("--env") { Description = "Check only this environment (repeatable); default: every environment" };
    private readonly Option<string?> against = new("--against") { Description = "Compare with this folder or git revision instead of the tip of the rendered branch" };
    private readonly Option<string> branch = new("--branch") { Description = "The rendered branch", DefaultValueFactory = _ => RenderSettings.DefaultBranch };
    private readonly Option<DirectoryInfo?> cacheDir = new("--cache-dir") { Description = "Where compiled scripts are cached (default: $GITOPS_CACHE_DIR, else ~/.cache/gitops/scripts)" };

    public Command Build()
    {
        var command = new Command("check", "Render every environment and compare with the committed rendered branch (or --against DIR|REF); exit 1 on any difference. Writes nothing.");
        foreach (var option in new Option[] { repo.Option, environments, against, branch, cacheDir })
        {
            command.Options.Add(option);
        }

        command.SetAction(result => Run(result, Console.Out, Console.Error, Directory.GetCurrentDirectory(), ConsoleOutput.StdoutWantsColour()));
        return command;
    }

    internal int Run(ParseResult result, TextWriter stdout, TextWriter stderr, string currentDirectory, bool colour = false)
    {
        var (root, problem) = repo.Resolve(result, currentDirectory);
        if (root is null)
        {
            stderr.WriteLine($"error: {problem}");
            return 2;
        }

        var selected = result.GetValue(environments) ?? [];
        IReadOnlyList<RenderedFile> committed;
        IReadOnlyList<RenderedFile> rendered;
        string label;
        try
        {
            (committed, label) = Committed(root, result.GetValue(against), result.GetValue(branch) ?? RenderSettings.DefaultBranch, currentDirectory);
            rendered = TreeRender.Render(root, selected, result.GetValue(cacheDir)?.FullName);
        }
        catch (RenderException e)
        {
            foreach (var error in e.Errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine("check failed: the scripts do not render, so nothing was compared.");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        var comparison = TreeComparison.Compare(committed, rendered, selected.Length > 0 ? selected : null);
        var console = ConsoleOutput.Create(stdout, colour);
        foreach (var changed in comparison.Changed)
        {
            ConsoleOutput.WriteUnifiedDiff(console, changed.Diff);
        }

        WriteList(stdout, "added (rendered, not committed)", comparison.Added);
        WriteList(stdout, "removed (committed, no longer rendered)", comparison.Removed);
        if (comparison.IsIdentical)
        {
            stdout.WriteLine($"rendered output matches {label} ({rendered.Count(f => RenderedLayout.IsObjectFile(f.Path))} object files)");
            return 0;
        }

        stdout.WriteLine($"rendered output differs from {label}: {comparison.Changed.Count} changed, {comparison.Added.Count} added, {comparison.Removed.Count} removed; `gitops render` brings the branch up to date");
        return 1;
    }

    private static (IReadOnlyList<RenderedFile> Files, string Label) Committed(string root, string? against, string branch, string currentDirectory)
    {
        if (against is null)
        {
            try
            {
                return (RenderedTrees.FromRevision(root, "refs/heads/" + branch), $"branch '{branch}'");
            }
            catch (ArgumentException)
            {
                throw new InvalidOperationException($"branch '{branch}' does not exist; render it first with `gitops render`, or compare with --against DIR|REF.");
            }
        }

        var folder = Path.GetFullPath(against, currentDirectory);
        return Directory.Exists(folder)
            ? (RenderedTrees.FromDirectory(folder), folder)
            : (RenderedTrees.FromRevision(root, against), $"'{against}'");
    }

    private static void WriteList(TextWriter writer, string title, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return;
        }

        writer.WriteLine($"{title}:");
        foreach (var path in paths)
        {
            writer.WriteLine($"  {path}");
        }
    }
}
