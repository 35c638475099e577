using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>Reads files back from the tip of a rendered branch (to keep environments a partial render leaves alone).</summary>
internal static class RenderedBranchReader
{
    /// <summary>Every file on the branch whose top-level folder or name is not in <paramref name="excludedTopLevel"/>; empty if the branch does not exist.</summary>
    public static IReadOnlyList<RenderedFile> FilesOutside(string repositoryPath, string branch, IReadOnlySet<string> excludedTopLevel)
    {
        using var repository = new Repository(Repository.Discover(repositoryPath));
        var tip = repository.Branches[branch]?.Tip;
        if (tip is null)
        {
            return [];
        }

        var files = new List<RenderedFile>();
        foreach (var entry in tip.Tree.Where(entry => !excludedTopLevel.Contains(entry.Name)))
        {
            Collect(entry, files);
        }

        return files;
    }

    private static void Collect(TreeEntry entry, List<RenderedFile> files)
    {
        switch (entry.Target)
        {
            case Tree tree:
                foreach (var child in tree)
                {
                    Collect(child, files);
                }

                break;
            case Blob blob:
                files.Add(new RenderedFile(entry.Path.Replace('\\', '/'), blob.GetContentText()));
                break;
            default:
                break;
        }
    }
}
