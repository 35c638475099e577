using System.Runtime.CompilerServices;

namespace GitOps.Dsl;

/// <summary>
/// Includes an existing manifest file (one or more YAML documents) unchanged: the migration path from plain
/// manifests. Only the environment namespace is filled in for objects that set none.
/// </summary>
/// <param name="path">The file, relative to the script that mentions it; it must lie inside the repository.</param>
/// <param name="callerFile">Filled in by the compiler.</param>
public sealed class YamlFile(string path, [CallerFilePath] string callerFile = "")
{
    /// <summary>The file as written in the script.</summary>
    public string Path { get; } = path;

    internal string CallerFile { get; } = callerFile;
}
