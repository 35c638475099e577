using GitOps.Rendering.Git;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Reads the rendered tree's layout: objects live at <c>&lt;env&gt;/&lt;app&gt;/&lt;file&gt;.yaml</c>; files directly
/// in an environment folder (the metadata file, the generated README) and at the root (<c>.gitattributes</c>) are
/// bookkeeping that object diffs leave out.
/// </summary>
public static class RenderedLayout
{
    /// <summary>True for an object file: <c>&lt;env&gt;/&lt;app&gt;/&lt;file&gt;.yaml</c>.</summary>
    public static bool IsObjectFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/').Length >= 3 && path.EndsWith(".yaml", StringComparison.Ordinal);
    }

    /// <summary>The environment folder a path lies in, or null for a root file.</summary>
    public static string? EnvironmentOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? path[..slash] : null;
    }

    /// <summary>The app folder of an object file.</summary>
    public static string AppOf(string path) => path.Split('/')[1];

    /// <summary>The environments a tree has a folder for, sorted.</summary>
    public static IReadOnlyList<string> Environments(IEnumerable<RenderedFile> files) =>
        files.Select(file => EnvironmentOf(file.Path)).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
