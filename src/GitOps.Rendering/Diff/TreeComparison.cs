using GitOps.Rendering.Git;

namespace GitOps.Rendering.Diff;

/// <summary>
/// File-level comparison of a committed rendered tree with a fresh render (<c>gitops check</c>): which object files
/// the render adds, which it removes, and a unified diff for each one it changes.
/// </summary>
/// <param name="Added">Files the render has and the committed tree lacks.</param>
/// <param name="Removed">Files the committed tree has and the render lacks.</param>
/// <param name="Changed">Files in both with different content.</param>
public sealed record TreeComparison(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<ChangedFile> Changed)
{
    /// <summary>True when the trees hold the same object files with the same bytes.</summary>
    public bool IsIdentical => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>
    /// Compares the object files of <paramref name="committed"/> and <paramref name="rendered"/>; the metadata files and
    /// READMEs are left out because they name the source commit, which differs by design.
    /// </summary>
    /// <param name="committed">The tree to check against (the rendered branch, a folder).</param>
    /// <param name="rendered">The fresh render.</param>
    /// <param name="environments">Only these environments; all when null or empty.</param>
    public static TreeComparison Compare(
        IReadOnlyCollection<RenderedFile> committed, IReadOnlyCollection<RenderedFile> rendered, IReadOnlyCollection<string>? environments = null)
    {
        var before = Objects(committed, environments);
        var after = Objects(rendered, environments);
        var added = after.Keys.Where(path => !before.ContainsKey(path)).Order(StringComparer.Ordinal).ToList();
        var removed = before.Keys.Where(path => !after.ContainsKey(path)).Order(StringComparer.Ordinal).ToList();
        var changed = before.Keys.Where(path => after.TryGetValue(path, out var text) && !string.Equals(text, before[path], StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => new ChangedFile(path, UnifiedDiff.Create(before[path], after[path], "a/" + path, "b/" + path)))
            .ToList();
        return new TreeComparison(added, removed, changed);
    }

    private static Dictionary<string, string> Objects(IReadOnlyCollection<RenderedFile> files, IReadOnlyCollection<string>? environments) =>
        files.Where(file => RenderedLayout.IsObjectFile(file.Path)
                && (environments is not { Count: > 0 } || environments.Contains(RenderedLayout.EnvironmentOf(file.Path)!)))
            .ToDictionary(file => file.Path, file => file.Content, StringComparer.Ordinal);
}

/// <summary>A file whose content differs, with the unified diff from the committed to the rendered version.</summary>
public sealed record ChangedFile(string Path, string Diff);
