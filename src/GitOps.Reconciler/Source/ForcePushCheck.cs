using LibGit2Sharp;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Refuses a branch tip that does not descend from the commit the cluster's inventory records as applied: the branch
/// was force-pushed or replaced, and applying it could silently undo changes. Used by `gitops agent` before each new
/// commit and by one-shot `gitops reconcile` once the inventory is read; both skip it with --allow-force-push.
/// </summary>
internal static class ForcePushCheck
{
    /// <summary>Why <paramref name="tip"/> must not be applied over <paramref name="applied"/>, or null when it may.</summary>
    public static string? Refusal(string repositoryDirectory, string branch, string? applied, string tip)
    {
        if (applied is null || applied == tip)
        {
            return null;
        }

        using var repository = new Repository(repositoryDirectory);
        var next = repository.Lookup<Commit>(tip);
        if (next is null)
        {
            return null;
        }

        // The fetch brought the whole history of the new tip. So when the applied commit (recorded in the cluster's
        // inventory) is not in the cache, also a fresh one, it is not an ancestor of the tip: history was rewritten.
        var previous = repository.Lookup<Commit>(applied);
        if (previous is null)
        {
            return $"branch '{branch}' was force-pushed or replaced: the applied commit {Short(applied)} recorded in the cluster is not in the history of {Short(tip)} (use --allow-force-push to accept it)";
        }

        return repository.ObjectDatabase.FindMergeBase(previous, next)?.Sha == applied
            ? null
            : $"branch '{branch}' was force-pushed: {Short(tip)} does not descend from the applied {Short(applied)} (use --allow-force-push to accept it)";
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
