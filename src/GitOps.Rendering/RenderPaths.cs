namespace GitOps.Rendering;

/// <summary>Where a config repository keeps its scripts.</summary>
public static class RenderPaths
{
    /// <summary>The root script that declares the apps.</summary>
    public const string RootScript = "gitops.csx";

    /// <summary>The folder with one script per environment.</summary>
    public const string EnvironmentsFolder = "environments";

    /// <summary>The script of one environment, repository-relative.</summary>
    public static string EnvironmentScript(string environment) => $"{EnvironmentsFolder}/{environment}.csx";

    /// <summary>The environments of a repository: the names of <c>environments/*.csx</c>, sorted.</summary>
    public static IReadOnlyList<string> Environments(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, EnvironmentsFolder);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.csx").Select(path => Path.GetFileNameWithoutExtension(path)).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
