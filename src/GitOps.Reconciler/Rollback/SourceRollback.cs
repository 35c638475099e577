using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.WriteBack;
using LibGit2Sharp;

namespace GitOps.Reconciler.Rollback;

/// <summary>What a rollback reverted and the new source commit it made.</summary>
public sealed record RollbackResult(string NewSourceCommit, IReadOnlyList<string> RevertedCommits, string RenderedCommit);

/// <summary>
/// The source half of `gitops rollback`: finds the source commits behind an environment's current rendered commit
/// and reverts them on the source branch as one new commit (history is never rewritten). Re-rendering is the
/// caller's next step; the agents then follow the rendered branch as usual. The cluster is never touched.
/// </summary>
public static class SourceRollback
{
    /// <param name="configRoot">The config repository's working tree, on its source branch, with no uncommitted changes.</param>
    /// <param name="renderedBranch">The local rendered branch.</param>
    /// <param name="environment">The environment folder in the rendered branch, e.g. <c>prod</c>.</param>
    /// <param name="toSourceCommit">Roll back to this source commit (revert everything after it); default: undo the source
    /// commits that produced the environment's current rendered commit.</param>
    /// <param name="cancellationToken">Stops the git commands.</param>
    public static async Task<RollbackResult> RevertAsync(string configRoot, string renderedBranch, string environment, string? toSourceCommit, CancellationToken cancellationToken = default)
    {
        string range;
        string renderedSha;
        List<string> reverted;
        using (var repository = new Repository(configRoot))
        {
            var rendered = repository.Branches[renderedBranch]?.Tip ?? throw new ReconcileException($"no local branch '{renderedBranch}' in {configRoot}: render first");
            var touching = FirstParentChain(rendered)
                .Where(c => c[environment]?.Target.Sha != c.Parents.FirstOrDefault()?[environment]?.Target.Sha)
                .Take(2).ToList();
            if (touching.Count == 0)
            {
                throw new ReconcileException($"branch '{renderedBranch}' has no rendered commit for environment '{environment}'");
            }

            renderedSha = touching[0].Sha;
            var current = RenderedHistory.SourceCommit(touching[0].Message)
                ?? throw new ReconcileException($"rendered commit {renderedSha[..12]} has no {RenderedHistory.SourceCommitTrailer}: trailer");
            var head = repository.Head.Tip ?? throw new ReconcileException($"{configRoot} has no commits");
            string from;
            if (toSourceCommit is not null)
            {
                from = repository.Lookup<Commit>(toSourceCommit)?.Sha ?? throw new ReconcileException($"--to {toSourceCommit}: no such commit in {configRoot}");
                range = $"{from}..{head.Sha}";
            }
            else
            {
                from = (touching.Count > 1 ? RenderedHistory.SourceCommit(touching[1].Message) : null)
                    ?? throw new ReconcileException($"'{environment}' has only one rendered commit ({renderedSha[..12]}); there is nothing earlier to roll back to (use --to SOURCE_SHA)");
                range = $"{from}..{current}";
            }

            if (repository.ObjectDatabase.FindMergeBase(repository.Lookup<Commit>(from), head)?.Sha != from)
            {
                throw new ReconcileException($"{from[..12]} is not an ancestor of the source branch head {head.Sha[..12]}");
            }

            reverted = FirstParentsUntil(repository, range.Split("..")[1], from);
            if (reverted.Count == 0)
            {
                throw new ReconcileException($"nothing to revert between {from[..12]} and {range.Split("..")[1][..12]}");
            }
        }

        await GitAsync(configRoot, ["revert", "--no-edit", "--no-commit", range], abortOnFailure: true, cancellationToken);
        var message = $"Roll back {environment}: revert {reverted.Count} source commit(s) behind rendered {renderedSha[..12]}\n\n"
            + string.Join("\n", reverted.Select(sha => $"Reverts: {sha}")) + "\n";
        await GitAsync(configRoot, ["commit", "--quiet", "-m", message], abortOnFailure: true, cancellationToken);
        var (_, newHead, _) = await ExternalTool.RunAsync("git", ["-C", configRoot, "rev-parse", "HEAD"], null, null, cancellationToken);
        return new RollbackResult(newHead.Trim(), reverted, renderedSha);
    }

    /// <summary>
    /// A commit and its first parents, newest first. Walked by hand: libgit2's time-sorted walk reorders commits
    /// that share one timestamp, as scripted histories do, and rolled back the wrong range.
    /// </summary>
    private static IEnumerable<Commit> FirstParentChain(Commit? tip)
    {
        for (var commit = tip; commit is not null; commit = commit.Parents.FirstOrDefault())
        {
            yield return commit;
        }
    }

    /// <summary>The first-parent chain from <paramref name="tip"/> back to, not including, <paramref name="stop"/>.</summary>
    private static List<string> FirstParentsUntil(Repository repository, string tip, string stop)
    {
        var chain = FirstParentChain(repository.Lookup<Commit>(tip)).TakeWhile(commit => commit.Sha != stop).ToList();
        return chain.Count > 0 && chain[^1].Parents.FirstOrDefault()?.Sha == stop
            ? chain.ConvertAll(commit => commit.Sha)
            // stop is an ancestor reached only through a merged branch: let libgit2 work out the range.
            : repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = tip, ExcludeReachableFrom = stop, FirstParentOnly = true })
                .Select(commit => commit.Sha).ToList();
    }

    private static async Task GitAsync(string root, string[] args, bool abortOnFailure, CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await ExternalTool.RunAsync("git", ["-C", root, .. args], null, null, cancellationToken);
        if (exit == 0)
        {
            return;
        }

        if (abortOnFailure)
        {
            // Leave the working tree as it was: a conflicting revert must not be half-applied.
            await ExternalTool.RunAsync("git", ["-C", root, "revert", "--abort"], null, null, cancellationToken);
        }

        throw new ReconcileException($"git {string.Join(' ', args)} failed: {SshSignatures.FirstLine(stderr, stdout)}");
    }
}
