using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// What a compiled script depends on besides its sources: the DSL, KubernetesClient, the compiler and the runtime.
/// Each assembly is identified by name, version and module id (a new build of any of them gets a new id), read from
/// the file's metadata rather than by loading it, so a warm render never loads Roslyn.
/// </summary>
internal static class ToolFingerprint
{
    // The assemblies whose change would change what a script compiles to or how it binds when loaded.
    private static readonly string[] AssemblyNames =
    [
        "GitOps.Dsl", "GitOps.Rendering", "KubernetesClient",
        "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "Microsoft.CodeAnalysis.Scripting", "Microsoft.CodeAnalysis.CSharp.Scripting",
    ];

    private static readonly Lazy<string> Computed = new(() => string.Join("|",
        AssemblyNames.Select(Describe).Append(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription)));

    public static string Value => Computed.Value;

    /// <summary><c>name/version/mvid</c> of the assembly file the host would load for <paramref name="assemblyName"/>.</summary>
    internal static string Describe(string assemblyName)
    {
        var path = TrustedPlatformAssemblies.Find(assemblyName) ?? Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            return $"{assemblyName}/missing";
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var version = metadata.GetAssemblyDefinition().Version;
        var mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        return $"{assemblyName}/{version}/{mvid}";
    }
}
