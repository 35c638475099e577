using GitOps.Rendering;
using GitOps.Rendering.Git;
using System.CommandLine;

namespace GitOps.Cli;

/// <summary>`gitops render`: scripts to validated YAML, committed to the rendered branch or written to a folder.</summary>
internal sealed class RenderCommand : ICliCommand
{
    public const string CommitterNameVariable = "GITOPS_COMMITTER_NAME";
    public const string CommitterEmailVariable = "GITOPS_COMMITTER_EMAIL";

    private readonly ConfigRepositoryOption repo = new();
    private readonly Option<DirectoryInfo?> output = new("--out") { Description = "Write the rendered tree to this folder instead of committing it" };
    private readonly Option<string[]> environments = new("--env") { Description = "Render only this environment (repeatable); default: every environments/*.csx" };
    private readonly Option<bool> strict = new("--strict") { Description = "Treat warnings (e.g. images without a pinned tag) as errors" };
    private readonly Option<bool> allowDirty = new("--allow-dirty") { Description = "Commit a render of uncommitted changes (recorded in the metadata)" };
    private readonly Option<string> branch = new("--branch") { Description = "The branch rendered trees are committed to", DefaultValueFactory = _ => RenderSettings.DefaultBranch };
    private readonly Option<string?> committerName = new("--committer-name") { Description = $"Name on rendered commits (else ${CommitterNameVariable}, else '{RenderSettings.DefaultCommitter.Name}')" };
    private readonly Option<string?> committerEmail = new("--committer-email") { Description = $"Email on rendered commits (else ${CommitterEmailVariable}, else '{RenderSettings.DefaultCommitter.Email}')" };
    private readonly Option<DirectoryInfo?> cacheDir = new("--cache-dir") { Description = "Where compiled scripts are cached (default: $GITOPS_CACHE_DIR, else ~/.cache/gitops/scripts)" };

    private readonly Option<string?> sign = RenderSigning.CreateOption();

    public Command Build()
    {
        var command = new Command("render", "Compile gitops.csx and environments/*.csx, validate every object, and commit deterministic YAML to the rendered branch (or --out DIR).");
        foreach (var option in new Option[] { repo.Option, output, environments, strict, allowDirty, branch, committerName, committerEmail, cacheDir, sign })
        {
            command.Options.Add(option);
        }

        command.SetAction(result => Run(result, Console.Out, Console.Error, Directory.GetCurrentDirectory()));
        return command;
    }

    internal int Run(ParseResult result, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var (root, problem) = repo.Resolve(result, currentDirectory);
        if (root is null)
        {
            stderr.WriteLine($"error: {problem}");
            return 1;
        }

        RenderOutcome outcome;
        try
        {
            outcome = RenderWorkflow.Run(Settings(result, root));
        }
        catch (RenderException e)
        {
            foreach (var error in e.Errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine("render failed; nothing was written.");
            return 1;
        }

        foreach (var warning in outcome.Warnings)
        {
            stderr.WriteLine(warning);
        }

        stdout.WriteLine($"rendered {string.Join(", ", outcome.Environments)}: {outcome.FileCount} files ({outcome.CachedEnvironments} of {outcome.Environments.Count} compiled scripts from cache)");
        if (outcome.OutputDirectory is not null)
        {
            stdout.WriteLine($"wrote {outcome.OutputDirectory}");
        }
        else if (outcome.Commit is { } commit)
        {
            if (commit.Changed && result.GetValue(sign) is { } spec)
            {
                commit = commit with { CommitSha = RenderSigning.Sign(root, result.GetValue(branch)!, commit.CommitSha!, spec, stderr) };
                if (commit.CommitSha is null)
                {
                    return 1;
                }
            }

            stdout.WriteLine(commit.Changed
                ? $"committed {commit.CommitSha} to branch '{result.GetValue(branch)}'"
                : $"branch '{result.GetValue(branch)}' is up to date at {commit.CommitSha}; no new commit");
        }

        return 0;
    }

    private RenderSettings Settings(ParseResult result, string root) => new()
    {
        ConfigRoot = root,
        Environments = result.GetValue(environments) ?? [],
        Strict = result.GetValue(strict),
        AllowDirty = result.GetValue(allowDirty),
        OutputDirectory = result.GetValue(output)?.FullName,
        Branch = result.GetValue(branch) ?? RenderSettings.DefaultBranch,
        Committer = new CommitIdentity(
            result.GetValue(committerName) ?? NonEmpty(Environment.GetEnvironmentVariable(CommitterNameVariable)) ?? RenderSettings.DefaultCommitter.Name,
            result.GetValue(committerEmail) ?? NonEmpty(Environment.GetEnvironmentVariable(CommitterEmailVariable)) ?? RenderSettings.DefaultCommitter.Email),
        CacheDirectory = result.GetValue(cacheDir)?.FullName,
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
