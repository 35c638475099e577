namespace GitOps.Dsl;

/// <summary>Resolves a path written in a script relative to that script, confined to the repository.</summary>
internal static class ScriptPaths
{
    public static string Resolve(string repositoryRoot, string callerFile, string path, SourceLocation? mentionedAt = null)
    {
        var callerDirectory = Path.GetDirectoryName(Path.Combine(repositoryRoot, callerFile)) ?? repositoryRoot;
        var full = Path.GetFullPath(Path.Combine(callerDirectory, path));
        var root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var where = mentionedAt?.ToString() ?? callerFile;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new DslException($"{where}: '{path}' resolves to {full}, outside the repository {root.TrimEnd(Path.DirectorySeparatorChar)}; scripts may only read files inside it.");
        }

        if (!File.Exists(full))
        {
            throw new DslException($"{where}: file '{path}' does not exist (looked for {Path.GetRelativePath(repositoryRoot, full).Replace('\\', '/')}, relative to {callerFile}).");
        }

        return full;
    }
}
