using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>
/// Guards against committing to a branch that a working tree has checked out: moving it underneath that checkout
/// would make its files look like a reverted change.
/// </summary>
internal static class CheckedOutBranches
{
    public static void EnsureNotCheckedOut(Repository repository, string canonicalName, string branch)
    {
        if (!repository.Info.IsBare && HeadTarget(repository) == canonicalName)
        {
            throw new InvalidOperationException(
                $"Branch '{branch}' is checked out in '{repository.Info.WorkingDirectory}'; rendering would rewrite it under that "
                + "checkout. Check out another branch there, or render to a different branch.");
        }

        foreach (var worktree in repository.Worktrees)
        {
            using var linked = worktree.WorktreeRepository;
            if (HeadTarget(linked) == canonicalName)
            {
                throw new InvalidOperationException(
                    $"Branch '{branch}' is checked out in the worktree '{linked.Info.WorkingDirectory}'; rendering would rewrite it "
                    + "under that checkout. Check out another branch there, or render to a different branch.");
            }
        }
    }

    // HEAD may be unborn (a new repository), so read where it points rather than what it resolves to.
    private static string? HeadTarget(Repository repository) =>
        repository.Refs.Head is SymbolicReference symbolic ? symbolic.TargetIdentifier : null;
}
