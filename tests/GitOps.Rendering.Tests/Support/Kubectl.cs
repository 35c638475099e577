using System.Diagnostics;

namespace GitOps.Rendering.Tests.Support;

/// <summary>kubectl as a second, independent reader of our YAML (go-yaml, YAML 1.1 rules).</summary>
internal static class Kubectl
{
    public static bool OnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "kubectl")));

    /// <summary>Reads a manifest file the way kubectl does and prints it back as JSON (no cluster involved).</summary>
    public static string ReadAsJson(string file) => Run("label", "--local", "-f", file, "x=y", "-o", "json");

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {errors.Result}");
        return output;
    }
}
