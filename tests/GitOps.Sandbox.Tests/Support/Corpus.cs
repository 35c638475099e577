namespace GitOps.Sandbox.Tests.Support;

/// <summary>The shared real-world manifests, found beside the repository root (CI lays out `shared/` next to the clone).</summary>
internal static class Corpus
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no shared/corpus above {AppContext.BaseDirectory}");
    }
}
