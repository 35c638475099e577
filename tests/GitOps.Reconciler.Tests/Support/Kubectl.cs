using System.Diagnostics;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>Runs the real kubectl against a kubeconfig.</summary>
public static class Kubectl
{
    public static async Task<string> RunAsync(string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
    }
}
