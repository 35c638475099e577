using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Rollback;
using GitOps.Rendering;

namespace GitOps.Cli;

/// <summary>
/// `gitops rollback`: reverts, on the source branch, the commits behind an environment's current rendered commit (a new
/// commit, never a rewrite), renders again, as `gitops render` does, and pushes both branches to the source
/// branch's remote (unless <c>--no-push</c>). Agents roll the cluster back through their normal loop.
/// </summary>
internal sealed class RollbackCommand : ICliCommand
{
    private readonly ConfigRepositoryOption repo = new();
    private readonly Option<string> env = new("--env") { Description = "The environment to roll back (its folder in the rendered branch)", Required = true };
    private readonly Option<string?> to = new("--to") { Description = "Roll back to this source commit: revert every commit after it (default: the commits behind the current rendered commit)" };
    private readonly Option<string> branch = new("--branch") { Description = "The rendered branch", DefaultValueFactory = _ => RenderSettings.DefaultBranch };
    private readonly Option<string?> sign = RenderSigning.CreateOption();
    private readonly Option<bool> noPush = new("--no-push") { Description = "Commit and render locally only; do not push the revert and the rendered branch" };
    private readonly Option<string?> remote = new("--remote") { Description = "The remote to push to (default: the source branch's upstream remote, else origin)" };

    public Command Build()
    {
        var command = new Command("rollback", "Revert the source commits behind an environment's current rendered commit (as a new commit) and render again.");
        foreach (var option in new Option[] { repo.Option, env, to, branch, sign, noPush, remote })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(result, Console.Out, Console.Error, Directory.GetCurrentDirectory(), cancellationToken));
        return command;
    }

    internal async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, string currentDirectory, CancellationToken cancellationToken)
    {
        var (root, problem) = repo.Resolve(result, currentDirectory);
        if (root is null)
        {
            await stderr.WriteLineAsync($"error: {problem}");
            return 1;
        }

        var renderedBranch = result.GetValue(branch)!;
        RollbackResult rollback;
        try
        {
            rollback = await SourceRollback.RevertAsync(root, renderedBranch, result.GetValue(env)!, result.GetValue(to), cancellationToken);
        }
        catch (ReconcileException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        await stdout.WriteLineAsync($"reverted {string.Join(", ", rollback.RevertedCommits.Select(c => c[..12]))} (behind rendered {rollback.RenderedCommit[..12]}) in new source commit {rollback.NewSourceCommit[..12]}");
        RenderOutcome outcome;
        try
        {
            outcome = RenderWorkflow.Run(new RenderSettings { ConfigRoot = root, Branch = renderedBranch });
        }
        catch (RenderException e)
        {
            foreach (var error in e.Errors)
            {
                await stderr.WriteLineAsync(error);
            }

            await stderr.WriteLineAsync($"the revert is committed ({rollback.NewSourceCommit[..12]}) but rendering it failed; fix and run `gitops render`");
            return 1;
        }

        var commit = outcome.Commit?.CommitSha;
        if (outcome.Commit is { Changed: true } && result.GetValue(sign) is { } spec)
        {
            commit = RenderSigning.Sign(root, renderedBranch, commit!, spec, stderr);
            if (commit is null)
            {
                return 1;
            }
        }

        if (result.GetValue(noPush))
        {
            await stdout.WriteLineAsync($"rendered {commit} to branch '{renderedBranch}'; not pushed (--no-push): push both branches and the agents will apply the rollback");
            return 0;
        }

        RollbackPushResult? pushed;
        try
        {
            pushed = await RollbackPush.PushAsync(root, renderedBranch, result.GetValue(remote), cancellationToken);
        }
        catch (ReconcileException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        await stdout.WriteLineAsync(pushed is null
            ? $"rendered {commit} to branch '{renderedBranch}'; not pushed: the source branch has no upstream and there is no 'origin' remote (pass --remote)"
            : $"rendered {commit} to branch '{renderedBranch}'; pushed {pushed.SourceRef} and {pushed.RenderedRef} to '{pushed.Remote}': the agents will apply the rollback");
        return 0;
    }
}
