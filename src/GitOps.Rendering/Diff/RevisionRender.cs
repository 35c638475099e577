using GitOps.Rendering.Git;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Renders the config as it was at a commit, without touching the working tree: the commit's tree is written to a
/// temporary folder with LibGit2Sharp, rendered there, and the folder deleted.
/// </summary>
public static class RevisionRender
{
    /// <summary>The rendered files and the commit that was rendered.</summary>
    /// <param name="Files">The rendered tree.</param>
    /// <param name="CommitSha">The commit <c>revision</c> resolved to.</param>
    public sealed record Result(IReadOnlyList<RenderedFile> Files, string CommitSha);

    /// <summary>
    /// Renders <paramref name="environments"/> of the config repository at <paramref name="configRoot"/> as of
    /// <paramref name="revision"/>. Requested environments that the commit has no script for are left out (the diff
    /// then shows them as added); with none requested, every environment of that commit is rendered.
    /// </summary>
    /// <exception cref="ArgumentException">The revision does not exist.</exception>
    /// <exception cref="RenderException">The commit's scripts do not compile or render invalid objects.</exception>
    public static Result Render(string configRoot, string revision, IReadOnlyCollection<string> environments, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(environments);
        string subfolder;
        using (var repository = GitRevisions.Open(configRoot))
        {
            var workingDirectory = repository.Info.WorkingDirectory
                ?? throw new InvalidOperationException($"{repository.Info.Path} is a bare repository; diff needs a checkout.");
            subfolder = Path.GetRelativePath(workingDirectory, Path.GetFullPath(configRoot));
        }

        var temp = Path.Combine(Path.GetTempPath(), "gitops-rev-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var sha = GitRevisions.Export(configRoot, revision, temp);
            var root = subfolder == "." ? temp : Path.Combine(temp, subfolder);
            if (!File.Exists(Path.Combine(root, RenderPaths.RootScript)))
            {
                throw new RenderException($"error: {revision} ({sha[..7]}) has no {(subfolder == "." ? "" : subfolder.Replace('\\', '/') + "/")}{RenderPaths.RootScript}.");
            }

            return new Result(Render(root, environments, cacheDirectory), sha);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Renders a folder, keeping only the requested environments it has scripts for.</summary>
    public static IReadOnlyList<RenderedFile> Render(string root, IReadOnlyCollection<string> environments, string? cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(environments);
        if (environments.Count == 0)
        {
            return TreeRender.Render(root, [], cacheDirectory);
        }

        var present = environments.Intersect(RenderPaths.Environments(root), StringComparer.Ordinal).ToList();
        return present.Count == 0 ? [] : TreeRender.Render(root, present, cacheDirectory);
    }

    /// <summary>A short label for a revision: <c>HEAD~1 (1a2b3c4)</c>.</summary>
    public static string Label(string revision, string sha) => $"{revision} ({sha[..7]})";
}
