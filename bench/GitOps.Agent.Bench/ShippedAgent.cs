using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

/// <summary>
/// The agent as it ships: `dotnet publish` of the Cli for linux-x64 with ReadyToRun (what the Dockerfile builds),
/// started through `dotnet gitops.dll` with the runtimeconfig the publish wrote and the environment the image sets.
/// </summary>
internal static partial class ShippedAgent
{
    /// <summary>The memory limit of the agent's container in gitops.csx; GCHeapHardLimitPercent is a share of it there.</summary>
    public const long ContainerMemoryLimit = 256L * 1024 * 1024;

    /// <summary>The repository root: the folder above this bench holding GitOpsDsl.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GitOpsDsl.sln not found above the bench");
    }

    /// <summary>Publishes the Cli like the Dockerfile does, into <paramref name="output"/>.</summary>
    public static void Publish(string repositoryRoot, string output, bool readyToRun)
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = repositoryRoot };
        foreach (var argument in PublishArguments(readyToRun, output))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{log}");
        }

        Console.WriteLine($"published the agent ({(readyToRun ? "ReadyToRun" : "JIT only")}) in {clock.Elapsed.TotalSeconds:0} s to {output}");
    }

    private static string[] PublishArguments(bool readyToRun, string output) => readyToRun
        ? ["publish", "src/GitOps.Cli/GitOps.Cli.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output]
        : ["publish", "src/GitOps.Cli/GitOps.Cli.csproj", "-c", "Release", "-p:UseAppHost=false", "-o", output];

    /// <summary>Which of the main assemblies carry ReadyToRun code (a ManagedNativeHeader).</summary>
    public static string DescribeReadyToRun(string directory)
    {
        string[] assemblies = ["gitops.dll", "GitOps.Reconciler.dll", "KubernetesClient.dll", "LibGit2Sharp.dll", "prometheus-net.dll"];
        var compiled = assemblies.Where(a => IsReadyToRun(Path.Combine(directory, a))).ToList();
        return compiled.Count == 0 ? "off" : $"on for {string.Join(", ", compiled)}";
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

    /// <summary>
    /// The ENV lines of the Dockerfile's final stage, plus the GC heap limit the runtime derives in the pod. In a
    /// container with a memory limit the runtime caps the GC heap at DOTNET_GCHeapHardLimitPercent of that limit
    /// (75% when the variable is unset or out of range; like every DOTNET_ GC variable it is read as hexadecimal);
    /// outside a container it would be a share of this machine's RAM, so the bench passes the absolute
    /// DOTNET_GCHeapHardLimit the pod gets, unless the image already sets one.
    /// </summary>
    public static Dictionary<string, string> ImageEnvironment(string repositoryRoot)
    {
        var text = File.ReadAllText(Path.Combine(repositoryRoot, "src", "GitOps.Cli", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var finalStage = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var environment = new Dictionary<string, string>();
        foreach (var line in finalStage.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match pair in EnvPair().Matches(line[4..]))
            {
                environment[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
        }

        if (!environment.ContainsKey("DOTNET_GCHeapHardLimit"))
        {
            var share = environment.Remove("DOTNET_GCHeapHardLimitPercent", out var text2)
                && int.TryParse(text2.Replace("0x", "", StringComparison.OrdinalIgnoreCase), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var percent)
                && percent is > 0 and < 100 ? percent : 75;
            environment["DOTNET_GCHeapHardLimit"] = "0x" + (ContainerMemoryLimit * share / 100).ToString("x", CultureInfo.InvariantCulture);
        }

        return environment;
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();
}
