using Microsoft.CodeAnalysis;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// Resolves <c>#load</c> relative to the loading script and only inside the repository. Resolved paths are
/// repository-relative with forward slashes, so diagnostics, stack traces and <c>[CallerFilePath]</c> read
/// <c>templates/web.csx</c> and a cached compilation does not depend on where the repository lies.
/// </summary>
internal sealed class RepositorySourceResolver(string repositoryRoot) : SourceReferenceResolver
{
    private readonly string root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar);

    public override string? NormalizePath(string path, string? baseFilePath) => ResolveReference(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        var full = FullPath(path, baseFilePath);
        return IsInside(full) && File.Exists(full) ? Relative(full) : null;
    }

    public override Stream OpenRead(string resolvedPath) => File.OpenRead(Path.Combine(root, resolvedPath));

    public string FullPath(string path, string? baseFilePath)
    {
        var baseDirectory = string.IsNullOrEmpty(baseFilePath) ? root : Path.GetDirectoryName(Path.Combine(root, baseFilePath)) ?? root;
        return Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    public bool IsInside(string fullPath) => fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public string Relative(string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');

    public override bool Equals(object? other) => other is RepositorySourceResolver resolver && resolver.root == root;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(root);
}
