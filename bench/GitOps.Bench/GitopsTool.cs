using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GitOps.Bench;

/// <summary>Finds or builds the <c>gitops</c> tool from this checkout, and checks it can render to a folder.</summary>
internal static class GitopsTool
{
    /// <summary>
    /// Publishes src/GitOps.Cli the way <c>dotnet pack</c> builds the tool package this machine's <c>dotnet tool restore</c>
    /// picks: ReadyToRun for linux-x64, framework-dependent IL (the <c>any</c> package) elsewhere. Returns <c>gitops.dll</c>.
    /// </summary>
    public static string BuildFromCheckout(string work)
    {
        var checkout = FindCheckout();
        var output = Path.Combine(work, "tool");
        var runtime = ToolPackageRuntimeIdentifier();
        Console.Error.WriteLine($"publishing src/GitOps.Cli (Release, {runtime ?? "any"} tool package build) into {output}");
        string[] runtimeArguments = runtime is null ? [] : ["-r", runtime];
        MeasuredProcess.Run(checkout, new Dictionary<string, string>(), "dotnet",
            ["publish", Path.Combine(checkout, "src", "GitOps.Cli"), "-c", "Release", .. runtimeArguments, "-o", output, "-nologo", "-v", "q"]);
        return Path.Combine(output, "gitops.dll");
    }

    /// <summary>The file to start and its arguments: a <c>.dll</c> runs through <c>dotnet</c>, as the tool does.</summary>
    public static (string FileName, string[] Arguments) Command(string gitops, params string[] arguments) =>
        gitops.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [gitops, .. arguments]) : (gitops, arguments);

    public static bool SupportsRenderOut(string gitops, out string whyNot)
    {
        var (fileName, arguments) = Command(gitops, "render", "--help");
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var help = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        whyNot = process.ExitCode != 0 ? $"'gitops render --help' failed: {errors.Result.Trim()}"
            : !help.Contains("--out", StringComparison.Ordinal) ? "'gitops render' has no --out option"
            : "";
        return whyNot.Length == 0;
    }

    // The RIDs src/GitOps.Cli lists in ToolPackageRuntimeIdentifiers besides `any` (only linux-x64, glibc).
    private static string? ToolPackageRuntimeIdentifier() =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
            && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)
            ? "linux-x64"
            : null;

    private static string FindCheckout()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GitOpsDsl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("GitOpsDsl.sln not found above the bench binary; pass --gitops PATH.");
    }
}
