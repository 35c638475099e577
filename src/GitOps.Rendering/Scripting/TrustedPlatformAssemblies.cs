namespace GitOps.Rendering.Scripting;

/// <summary>
/// The assembly files the host resolves by name (the runtime's TRUSTED_PLATFORM_ASSEMBLIES: the framework plus the
/// tool's own dependencies), found without loading any of them.
/// </summary>
internal static class TrustedPlatformAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> ByName = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(path => Path.GetFileNameWithoutExtension(path), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal));

    /// <summary>The file of the named assembly, or null when the host does not know it.</summary>
    public static string? Find(string assemblyName) => ByName.Value.GetValueOrDefault(assemblyName);
}
