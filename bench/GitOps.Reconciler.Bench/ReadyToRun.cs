using System.Reflection.PortableExecutable;

namespace GitOps.Reconciler.Bench;

/// <summary>Whether the gitops assemblies the bench runs carry ReadyToRun code (a ManagedNativeHeader), so a table says which start-up it measured.</summary>
internal static class ReadyToRun
{
    private static readonly string[] Assemblies = ["gitops.dll", "GitOps.Reconciler.dll", "KubernetesClient.dll", "YamlDotNet.dll", "LibGit2Sharp.dll"];

    public static string Describe(string directory)
    {
        var compiled = Assemblies.Where(a => IsReadyToRun(Path.Combine(directory, a))).ToList();
        return compiled.Count == 0 ? $"off (none of {string.Join(", ", Assemblies)})" : $"on for {string.Join(", ", compiled)}";
    }

    private static bool IsReadyToRun(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
