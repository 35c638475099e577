using System.Diagnostics;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>Runs the real git CLI.</summary>
public static class Git
{
    public static string Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, null, args);

    /// <summary>Runs git with <paramref name="input"/> on stdin.</summary>
    public static string RunWithInput(string workingDirectory, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep the user's and the system's config out of test repositories.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Result.Trim();
    }
}
