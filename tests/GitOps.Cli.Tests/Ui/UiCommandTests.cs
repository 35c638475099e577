using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Sandbox;
using k8s;
using k8s.Models;

namespace GitOps.Cli.Tests.Ui;

public sealed partial class UiCommandTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gitops_ui_serves_the_dashboard_with_the_environments_agents_reported_in_the_cluster()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), Cancel);
        var directory = Directory.CreateTempSubdirectory("gitops-ui-cli-").FullName;
        var kubeconfig = Path.Combine(directory, "sandbox.kubeconfig");
        sandbox.WriteKubeconfig(kubeconfig);
        using (var client = new Kubernetes(sandbox.ClientConfiguration()))
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "gitops-system" } }, cancellationToken: Cancel);
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "gitops-prod-status", Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "gitops-agent" } },
                Data = new Dictionary<string, string> { ["cluster"] = "prod-eu", ["path"] = "prod", ["lastResult"] = "failed", ["lastError"] = "Deployment shop/front-end: not ready" },
            }, "gitops-system", cancellationToken: Cancel);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var stdout = new SignallingWriter();
        using var stderr = new StringWriter();
        var command = new UiCommand();
        var running = command.RunAsync(command.Build().Parse(["--kubeconfig", kubeconfig, "--listen", "127.0.0.1:0"]), stdout, stderr, stop.Token);

        var line = await stdout.FirstLine.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var url = UrlPattern().Match(line).Value;
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var environments = JsonNode.Parse(await http.GetStringAsync("/api/environments", Cancel))!.AsArray();
        using var page = await http.GetAsync("/", Cancel);
        using var suspend = await http.PostAsync("/api/environments/gitops-prod/actions/suspend", null, Cancel);

        var environment = Assert.Single(environments)!;
        Assert.Equal(("prod-eu", "failed"), ((string?)environment["cluster"], (string?)environment["syncState"]));
        Assert.Equal("Deployment shop/front-end: not ready", (string?)environment["lastError"]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, suspend.StatusCode);
        Assert.Contains("read-only", line, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(30), Cancel));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Ui_actions_without_a_token_are_refused_before_serving()
    {
        var command = new UiCommand();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await command.RunAsync(command.Build().Parse(["--kubeconfig", "/nonexistent", "--ui-actions"]), stdout, stderr, Cancel);

        Assert.Equal(1, exit);
        Assert.Contains("--ui-actions needs a bearer token: --ui-token-file FILE or $GITOPS_UI_TOKEN", stderr.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex UrlPattern();

    /// <summary>Completes <see cref="FirstLine"/> when the command prints its first line (the URL).</summary>
    private sealed class SignallingWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => first.Task;

        public override Task WriteLineAsync(string? value)
        {
            first.TrySetResult(value ?? "");
            return base.WriteLineAsync(value);
        }
    }
}
