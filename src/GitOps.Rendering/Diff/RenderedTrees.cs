using System.Text;
using GitOps.Rendering.Git;
using LibGit2Sharp;

namespace GitOps.Rendering.Diff;

/// <summary>Reads a rendered tree back from a folder or from a commit of a repository.</summary>
public static class RenderedTrees
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every file under <paramref name="folder"/> (except <c>.git</c>), with <c>/</c>-separated relative paths.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<RenderedFile> FromDirectory(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"'{folder}' does not exist.");
        }

        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => path != ".git" && !path.StartsWith(".git/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => new RenderedFile(path, File.ReadAllText(Path.Combine(root, path), Utf8)))
            .ToList();
    }

    /// <summary>Every file of the tree of <paramref name="revision"/> (a branch, tag, sha or expression like <c>HEAD~1</c>).</summary>
    /// <exception cref="ArgumentException">The revision does not resolve to a commit.</exception>
    public static IReadOnlyList<RenderedFile> FromRevision(string repositoryPath, string revision)
    {
        using var repository = GitRevisions.Open(repositoryPath);
        var commit = GitRevisions.Resolve(repository, revision);
        var files = new List<RenderedFile>();
        Collect(commit.Tree, "", files);
        return files.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
    }

    private static void Collect(Tree tree, string prefix, List<RenderedFile> files)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            switch (entry.Target)
            {
                case Tree subtree:
                    Collect(subtree, path + "/", files);
                    break;
                case Blob blob:
                    using (var stream = blob.GetContentStream())
                    using (var reader = new StreamReader(stream, Utf8))
                    {
                        files.Add(new RenderedFile(path, reader.ReadToEnd()));
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
