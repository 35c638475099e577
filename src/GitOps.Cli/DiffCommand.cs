using System.CommandLine;
using GitOps.Rendering;
using GitOps.Rendering.Diff;
using GitOps.Rendering.Git;

namespace GitOps.Cli;

/// <summary>
/// `gitops diff`: what a change does to the rendered objects, per environment and app, down to the field. Renders the
/// scripts at --base (and --head, default the working tree) in temporary folders; or compares two environments of
/// one version with --env A --against-env B.
/// </summary>
internal sealed class DiffCommand : ICliCommand
{
    private readonly ConfigRepositoryOption repo = new();
    private readonly Option<string?> baseRevision = new("--base") { Description = "The git revision to compare from (branch, tag, sha, HEAD~1)" };
    private readonly Option<string?> headRevision = new("--head") { Description = "The git revision to compare to; default: the working tree" };
    private readonly Option<string[]> environments = new("--env") { Description = "Only this environment (repeatable); with --against-env, the environment to compare from" };
    private readonly Option<string?> againstEnvironment = new("--against-env") { Description = "Compare the --env environment with this one, aligning names that differ by prefix, suffix or namespace" };
    private readonly Option<string> format = new("--format") { Description = "text, markdown (for pull-request comments) or json", DefaultValueFactory = _ => "text" };
    private readonly Option<bool> exitCode = new("--exit-code") { Description = "Exit with 1 when there are differences (like git diff --exit-code)" };
    private readonly Option<DirectoryInfo?> cacheDir = new("--cache-dir") { Description = "Where compiled scripts are cached (default: $GITOPS_CACHE_DIR, else ~/.cache/gitops/scripts)" };

    public Command Build()
    {
        var command = new Command("diff", "Show which objects and fields a change alters, per environment and app (--base REF [--head REF]), or how two environments differ (--env A --against-env B).");
        foreach (var option in new Option[] { repo.Option, baseRevision, headRevision, environments, againstEnvironment, format, exitCode, cacheDir })
        {
            command.Options.Add(option);
        }

        format.AcceptOnlyFromAmong("text", "markdown", "json");
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

        DiffReport report;
        try
        {
            report = Compare(result, root);
        }
        catch (SideException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            foreach (var error in e.Errors)
            {
                stderr.WriteLine(error);
            }

            return 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        switch (result.GetValue(format))
        {
            case "markdown":
                stdout.Write(DiffMarkdown.Write(report));
                break;
            case "json":
                stdout.Write(DiffJson.Write(report));
                break;
            default:
                DiffTextWriter.Write(ConsoleOutput.Create(stdout, colour), report);
                break;
        }

        return result.GetValue(exitCode) && report.HasDifferences ? 1 : 0;
    }

    private DiffReport Compare(ParseResult result, string root)
    {
        var selected = result.GetValue(environments) ?? [];
        var cache = result.GetValue(cacheDir)?.FullName;
        var head = result.GetValue(headRevision);
        if (result.GetValue(againstEnvironment) is { } other)
        {
            if (selected.Length != 1 || result.GetValue(baseRevision) is not null)
            {
                throw new ArgumentException("--against-env compares two environments of one version: give exactly one --env, and --head REF instead of --base if not the working tree.");
            }

            var (files, label) = RenderSide(root, head, [selected[0], other], cache, "head");
            var report = RenderDiff.CompareEnvironments(files, selected[0], other);
            return report with { Base = $"{selected[0]} ({label})", Head = $"{other} ({label})" };
        }

        var baseRef = result.GetValue(baseRevision)
            ?? throw new ArgumentException("give --base REF (e.g. --base origin/main) to compare a change, or --env A --against-env B to compare environments.");
        var (baseFiles, baseLabel) = RenderSide(root, baseRef, selected, cache, "base");
        var (headFiles, headLabel) = RenderSide(root, head, selected, cache, "head");
        if (selected.Length > 0 && !RenderedLayout.Environments(baseFiles).Concat(RenderedLayout.Environments(headFiles)).Any())
        {
            throw new ArgumentException($"no environment named {string.Join(", ", selected)} on either side.");
        }

        return RenderDiff.Compare(baseFiles, headFiles, baseLabel, headLabel, selected);
    }

    private static (IReadOnlyList<RenderedFile> Files, string Label) RenderSide(string root, string? revision, IReadOnlyCollection<string> selected, string? cache, string side)
    {
        try
        {
            if (revision is null)
            {
                return (RevisionRender.Render(root, selected, cache), "working tree");
            }

            var rendered = RevisionRender.Render(root, revision, selected, cache);
            return (rendered.Files, RevisionRender.Label(revision, rendered.CommitSha));
        }
        catch (RenderException e)
        {
            var what = revision is null ? "the working tree" : $"'{revision}'";
            throw new SideException($"the {side} ({what}) does not render, so there is nothing to compare:", e.Errors);
        }
    }

    /// <summary>One side of the comparison failed to render; reported as that side's error, not as a diff.</summary>
    private sealed class SideException(string message, IReadOnlyList<string> errors) : Exception(message)
    {
        public IReadOnlyList<string> Errors { get; } = errors;
    }
}
