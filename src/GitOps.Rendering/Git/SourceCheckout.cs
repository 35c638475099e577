using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>Finds the config repository holding a path and reports the commit it is at and whether it is dirty.</summary>
public static class SourceCheckout
{
    /// <summary>Discovers the git repository containing <paramref name="anyPathInRepo"/> (walking up) and inspects it.</summary>
    /// <exception cref="InvalidOperationException">The path is in no git repository, the repository is bare, or it
    /// has no commits yet.</exception>
    public static SourceState Inspect(string anyPathInRepo)
    {
        var fullPath = Path.GetFullPath(anyPathInRepo);
        var gitDirectory = Repository.Discover(fullPath)
            ?? throw new InvalidOperationException($"'{fullPath}' is not inside a git repository (no .git found in it or any parent).");

        using var repository = new Repository(gitDirectory);
        if (repository.Info.IsBare)
        {
            throw new InvalidOperationException($"'{gitDirectory}' is a bare repository; render needs a checkout of the config repository.");
        }

        var root = Path.TrimEndingDirectorySeparator(repository.Info.WorkingDirectory);
        var head = repository.Head.Tip
            ?? throw new InvalidOperationException($"The git repository at '{root}' has no commits yet; commit the config first.");

        var status = repository.RetrieveStatus(new StatusOptions
        {
            IncludeUntracked = true,
            RecurseUntrackedDirs = true,
            IncludeIgnored = false,
            DetectRenamesInIndex = false,
            DetectRenamesInWorkDir = false,
        });
        var dirtyPaths = status
            .Where(entry => entry.State is not FileStatus.Unaltered and not FileStatus.Ignored)
            .Select(entry => entry.FilePath.Replace('\\', '/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        return new SourceState(root, head.Sha, dirtyPaths.Count > 0, dirtyPaths);
    }
}
