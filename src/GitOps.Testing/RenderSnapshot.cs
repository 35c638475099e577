using System.Runtime.CompilerServices;
using GitOps.Rendering.Diff;
using GitOps.Rendering.Git;

namespace GitOps.Testing;

/// <summary>
/// Snapshot tests of rendered environments, for any test framework: render one environment of a config repository
/// and compare every object with a committed <c>*.verified.yaml</c> file. A difference writes <c>*.received.yaml</c>
/// files and throws <see cref="SnapshotMismatchException"/> with a unified diff.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public Task Prod_renders_as_reviewed() => RenderSnapshot.VerifyAsync(RepoRoot, "prod");
/// </code>
/// </example>
public static class RenderSnapshot
{
    /// <summary>
    /// Renders <paramref name="environment"/> of the config repository at <paramref name="repositoryRoot"/> and compares
    /// it with the snapshots in <see cref="SnapshotOptions.SnapshotDirectory"/> (default: <c>snapshots/&lt;env&gt;</c>
    /// beside the calling test file).
    /// </summary>
    /// <exception cref="SnapshotMismatchException">A snapshot is missing, dangling, corrupt or different.</exception>
    /// <exception cref="GitOps.Rendering.RenderException">The scripts do not compile or an object is invalid.</exception>
    public static Task VerifyAsync(string repositoryRoot, string environment, SnapshotOptions? options = null, [CallerFilePath] string callerFile = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        options ??= new SnapshotOptions();
        var files = TreeRender.Render(repositoryRoot, [environment], options.CacheDirectory);
        return VerifyFilesAsync(environment, files, options, callerFile);
    }

    /// <summary>The default snapshot folder for a test file: <c>snapshots/&lt;env&gt;</c> beside it.</summary>
    public static string DefaultDirectory(string callerFile, string environment) =>
        Path.Combine(Path.GetDirectoryName(callerFile) ?? ".", "snapshots", environment);

    internal static Task VerifyFilesAsync(string environment, IEnumerable<RenderedFile> files, SnapshotOptions options, string callerFile)
    {
        var prefix = environment + "/";
        var objects = files
            .Where(file => RenderedLayout.IsObjectFile(file.Path) && file.Path.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(file => file.Path[prefix.Length..], file => Scrub(file.Path[prefix.Length..], file.Content, options), StringComparer.Ordinal);
        var directory = Path.GetFullPath(options.SnapshotDirectory ?? DefaultDirectory(callerFile, environment));
        return SnapshotVerifier.VerifyAsync(environment, objects, directory, options.AcceptsChanges(Environment.GetEnvironmentVariable));
    }

    private static string Scrub(string path, string yaml, SnapshotOptions options) =>
        options.Scrubbers.Aggregate(yaml, (text, scrubber) => scrubber(path, text));
}
