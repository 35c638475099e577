namespace GitOps.Reconciler.Tests.Support;

/// <summary>The shared real-world manifests, found by walking up from the test assembly to a folder holding shared/corpus.</summary>
public static class Corpus
{
    public static string Directory(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", name);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/corpus/{name} not found above {AppContext.BaseDirectory}");
    }

    public static IEnumerable<(string Name, string Content)> Files(string name) =>
        System.IO.Directory.EnumerateFiles(Directory(name), "*.yaml").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
}
