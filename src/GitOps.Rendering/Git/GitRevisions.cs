using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>Opens the repository around a path and resolves revisions with clear messages.</summary>
public static class GitRevisions
{
    /// <summary>Opens the repository containing <paramref name="path"/> (walking up).</summary>
    /// <exception cref="InvalidOperationException">The path is in no git repository.</exception>
    public static Repository Open(string path)
    {
        var full = Path.GetFullPath(path);
        var gitDirectory = Repository.Discover(full)
            ?? throw new InvalidOperationException($"'{full}' is not inside a git repository (no .git found in it or any parent).");
        return new Repository(gitDirectory);
    }

    /// <summary>The commit <paramref name="revision"/> names (branch, tag, sha, <c>HEAD~1</c>, <c>origin/main</c>).</summary>
    /// <exception cref="ArgumentException">The revision does not exist or does not name a commit.</exception>
    public static Commit Resolve(Repository repository, string revision)
    {
        ArgumentNullException.ThrowIfNull(repository);
        Commit? target;
        try
        {
            target = repository.Lookup<Commit>(revision);
        }
        catch (LibGit2SharpException e)
        {
            throw new ArgumentException($"'{revision}' is not a valid revision in {repository.Info.WorkingDirectory ?? repository.Info.Path}: {e.Message}", e);
        }

        return target
            ?? throw new ArgumentException($"revision '{revision}' does not exist in {repository.Info.WorkingDirectory ?? repository.Info.Path}.");
    }

    /// <summary>
    /// Writes every file of <paramref name="revision"/>'s tree under <paramref name="folder"/> (created), without
    /// touching the repository's working tree, index or HEAD. Returns the commit's sha.
    /// </summary>
    public static string Export(string repositoryPath, string revision, string folder)
    {
        using var repository = Open(repositoryPath);
        var commit = Resolve(repository, revision);
        Directory.CreateDirectory(folder);
        Write(commit.Tree, folder);
        return commit.Sha;
    }

    private static void Write(Tree tree, string folder)
    {
        foreach (var entry in tree)
        {
            var path = Path.Combine(folder, entry.Name);
            switch (entry.Target)
            {
                case Tree subtree:
                    Directory.CreateDirectory(path);
                    Write(subtree, path);
                    break;
                case Blob blob when entry.Mode != Mode.SymbolicLink:
                    using (var source = blob.GetContentStream())
                    using (var target = File.Create(path))
                    {
                        source.CopyTo(target);
                    }

                    break;
                default:
                    // Symlinks and submodules: scripts never need them, and following them could leave the export.
                    break;
            }
        }
    }
}
