using System.Diagnostics;

namespace GitOps.Sandbox.Tests.Support;

internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}):\n{Stderr}\n{Stdout}");
        return this;
    }
}

/// <summary>Runs the real kubectl against a sandbox through a temporary kubeconfig, always with a timeout.</summary>
internal sealed class Kubectl(string kubeconfig)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECTL_INTERACTIVE_DELETE"] = "false";
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Timeout}");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}
