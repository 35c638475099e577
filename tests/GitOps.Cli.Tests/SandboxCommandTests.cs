using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace GitOps.Cli.Tests;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task Sandbox_writes_a_kubeconfig_serves_the_api_and_stops_on_cancellation()
    {
        var directory = Directory.CreateTempSubdirectory("gitops-sandbox-cli-").FullName;
        var kubeconfig = new FileInfo(Path.Combine(directory, "sandbox.kubeconfig"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        var running = SandboxCommand.RunAsync(0, kubeconfig, quiet: true, tls: false, output, stop.Token);

        await WaitForAsync(kubeconfig, running);

        var server = Regex.Match(await File.ReadAllTextAsync(kubeconfig.FullName, TestContext.Current.CancellationToken), @"server: (http://127\.0\.0\.1:\d+)").Groups[1].Value;
        using var http = new HttpClient();
        var version = await http.GetAsync($"{server}/version", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);

        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains($"Sandbox API server listening on {server}/", output.ToString());
        Assert.Contains("Sandbox stopped.", output.ToString());
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Sandbox_command_offers_port_and_kubeconfig_options()
    {
        var command = new SandboxCommand().Build();
        Assert.Equal("sandbox", command.Name);
        Assert.Contains(command.Options, option => option.Name == "--port");
        Assert.Contains(command.Options, option => option.Name == "--kubeconfig");
        Assert.Contains(command.Options, option => option.Name == "--tls");
    }

    [Fact]
    public async Task Sandbox_with_tls_serves_https_to_kubectl_through_the_owner_only_kubeconfig_it_writes()
    {
        var directory = Directory.CreateTempSubdirectory("gitops-sandbox-cli-").FullName;
        var kubeconfig = new FileInfo(Path.Combine(directory, "sandbox.kubeconfig"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        var running = SandboxCommand.RunAsync(0, kubeconfig, quiet: true, tls: true, output, stop.Token);

        await WaitForAsync(kubeconfig, running);

        if (!OperatingSystem.IsWindows())
        {
            // It holds the client key.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig.FullName));
        }

        using var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["--kubeconfig", kubeconfig.FullName, "get", "ns", "default", "-o", "name"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = await kubectl.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await kubectl.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await kubectl.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(kubectl.ExitCode == 0, stderr);
        Assert.Equal("namespace/default", stdout.Trim());

        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Matches(@"Sandbox API server listening on https://127\.0\.0\.1:\d+/", output.ToString());
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Waits until the sandbox has written its kubeconfig (it does once it listens), or has ended, or 30 s passed.</summary>
    private static async Task WaitForAsync(FileInfo kubeconfig, Task<int> running)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!kubeconfig.Exists && DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            kubeconfig.Refresh();
        }
    }
}
