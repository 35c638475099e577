using System.Diagnostics;

namespace GitOps.Bench;

/// <summary>Finds or builds the <c>gitops</c> executable from this checkout, and checks it can render to a folder.</summary>
internal static class GitopsTool
{
    public static string BuildFromCheckout(string work)
    {
        var checkout = FindCheckout();
        var output = Path.Combine(work, "tool");
        Console.Error.WriteLine($"building src/GitOps.Cli (Release) into {output}");
        MeasuredProcess.Run(checkout, new Dictionary<string, string>(), "dotnet",
            "build", Path.Combine(checkout, "src", "GitOps.Cli"), "-c", "Release", "-o", output, "-nologo", "-v", "q");
        return Path.Combine(output, OperatingSystem.IsWindows() ? "gitops.exe" : "gitops");
    }

    public static bool SupportsRenderOut(string gitops, out string whyNot)
    {
        var start = new ProcessStartInfo(gitops, ["render", "--help"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var help = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        whyNot = process.ExitCode != 0 ? $"'gitops render --help' failed: {errors.Result.Trim()}"
            : !help.Contains("--out", StringComparison.Ordinal) ? "'gitops render' has no --out option"
            : "";
        return whyNot.Length == 0;
    }

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
