namespace GitOps.Rendering.Tests.Support;

/// <summary>The shared real-world manifests, found beside the repository root (CI lays out `shared/` next to the clone).</summary>
internal static class Corpus
{
    private static readonly Lazy<string> Root = new(Find);

    public static IEnumerable<string> Manifests() =>
        Directory.EnumerateFiles(Root.Value, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no shared/corpus above {AppContext.BaseDirectory}");
    }
}
