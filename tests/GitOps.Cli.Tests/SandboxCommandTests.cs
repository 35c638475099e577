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
        var running = SandboxCommand.RunAsync(0, kubeconfig, quiet: true, output, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!kubeconfig.Exists && DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            kubeconfig.Refresh();
        }

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
    }
}
