using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>
/// Guards against committing to a branch that a working tree has checked out: moving it underneath that checkout
/// would make its files look like a reverted change.
/// </summary>
/// <remarks>
/// Reads the HEAD files of the main working tree and of every linked worktree from the common git directory, so
/// the check also holds when the writer runs from a linked worktree, and a stale worktree whose folder is gone
/// cannot make it fail.
/// </remarks>
internal static class CheckedOutBranches
{
    public static void EnsureNotCheckedOut(Repository repository, string canonicalName, string branch)
    {
        var commonDirectory = CommonDirectory(repository.Info.Path);
        var mainIsCheckout = !repository.Config.Get<bool>("core.bare")?.Value ?? true;
        var heads = new List<(string HeadFile, string Where)>();
        if (mainIsCheckout)
        {
            heads.Add((Path.Combine(commonDirectory, "HEAD"), "the main working tree"));
        }

        var worktrees = Path.Combine(commonDirectory, "worktrees");
        if (Directory.Exists(worktrees))
        {
            heads.AddRange(Directory.EnumerateDirectories(worktrees)
                .Order(StringComparer.Ordinal)
                .Select(folder => (Path.Combine(folder, "HEAD"), $"the worktree '{Path.GetFileName(folder)}'")));
        }

        foreach (var (headFile, where) in heads)
        {
            if (SymbolicTarget(headFile) == canonicalName)
            {
                throw new InvalidOperationException(
                    $"Branch '{branch}' is checked out in {where}; rendering would rewrite it under that checkout. "
                    + "Check out another branch there, or render to a different branch.");
            }
        }
    }

    // A linked worktree's git directory names the shared one in its "commondir" file.
    private static string CommonDirectory(string gitDirectory)
    {
        var pointer = Path.Combine(gitDirectory, "commondir");
        return File.Exists(pointer)
            ? Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(pointer).Trim()))
            : gitDirectory;
    }

    private static string? SymbolicTarget(string headFile)
    {
        const string prefix = "ref: ";
        if (!File.Exists(headFile))
        {
            return null;
        }

        var content = File.ReadAllText(headFile).Trim();
        return content.StartsWith(prefix, StringComparison.Ordinal) ? content[prefix.Length..].Trim() : null;
    }
}
