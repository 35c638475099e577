using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Dashboard;
using GitOps.Reconciler.Tests.Support;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Dashboard;

/// <summary>
/// A sandbox, a repository with a source commit and the rendered commit made from it (app "shop" under prod/: a
/// Namespace, a Deployment, a Service and a Secret), and an agent serving the dashboard on 127.0.0.1 port 0.
/// </summary>
public sealed class DashboardScenario : IAsyncDisposable
{
    public const string SecretValue = "hunter2-never-shown";
    public const string Token = "test-action-token-0123456789";

    private DashboardScenario(AgentHarness harness, GitOpsAgent agent, string sourceCommit, string renderedCommit)
    {
        Harness = harness;
        Agent = agent;
        SourceCommit = sourceCommit;
        RenderedCommit = renderedCommit;
        Http = new HttpClient { BaseAddress = agent.Url };
    }

    public AgentHarness Harness { get; }

    public GitOpsAgent Agent { get; }

    public string SourceCommit { get; }

    public string RenderedCommit { get; }

    public HttpClient Http { get; }

    public Uri Url => Agent.Url!;

    public static async Task<DashboardScenario> StartAsync(
        string image = "nginx:1.27", bool selfHeal = true, bool actions = false, TimeSpan? timeout = null, Func<AgentStatus, bool>? until = null)
    {
        var harness = await AgentHarness.StartAsync();
        var (source, rendered) = CommitShop(harness.Repo, "Scale front-end to 3", image);
        var agent = await harness.StartAgentAsync(
            reconcile => AgentHarness.Options(reconcile) with
            {
                Listen = "127.0.0.1:0",
                SelfHeal = selfHeal,
                Dashboard = new DashboardOptions { ActionsEnabled = actions, ActionToken = actions ? Token : null },
            },
            timeout: timeout);
        await agent.WaitForAsync(until ?? (s => s.LastAppliedCommit == rendered), TimeSpan.FromSeconds(30));

        return new DashboardScenario(harness, agent, source, rendered);
    }

    /// <summary>A source commit by "Alice Author" on branch main and the rendered commit naming it, both pushed.</summary>
    public static (string Source, string Rendered) CommitShop(RenderedRepo repo, string subject, string image, int replicas = 3)
    {
        var emptyTree = Git.RunWithInput(repo.WorkPath, "", "hash-object", "-t", "tree", "-w", "--stdin");
        var parent = TryRun(repo.WorkPath, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/main");
        var source = Git.Run(repo.WorkPath, ["-c", "user.name=Alice Author", "-c", "user.email=alice@gitops.invalid", "commit-tree", emptyTree, "-m", subject, .. parent is null ? Array.Empty<string>() : ["-p", parent]]);
        Git.Run(repo.WorkPath, "push", "--quiet", "origin", $"{source}:refs/heads/main");
        Git.Run(repo.WorkPath, "fetch", "--quiet", "origin", "main:refs/remotes/origin/main");
        repo.Write("prod/shop/namespace.yaml", TestManifests.Namespace("shop"))
            .Write("prod/shop/deployment.yaml", TestManifests.Deployment("shop", "front-end", replicas, image))
            .Write("prod/shop/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: front-end\n  namespace: shop\nspec:\n  selector:\n    app: front-end\n  ports:\n  - port: 80\n")
            .Write("prod/shop/secret.yaml", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: shop\nstringData:\n  password: {SecretValue}\n");
        var rendered = repo.Commit($"Render prod from {source[..12]}\n\nSource-Commit: {source}");
        return (source, rendered);
    }

    private static string? TryRun(string directory, params string[] args)
    {
        try
        {
            return Git.Run(directory, args) is { Length: > 0 } output ? output : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var text = await Http.GetStringAsync(path, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(SecretValue, text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!;
    }

    public async Task<HttpResponseMessage> ActAsync(string action, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/environments/gitops-prod/actions/{action}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Sets the Deployment's rollout counters as its controller would, through the status subresource.</summary>
    public async Task SetRolloutAsync(int updated, int ready, int available, string name = "front-end", int replicas = 3) =>
        await Harness.Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch($$$"""{"status":{"replicas":{{{replicas}}},"updatedReplicas":{{{updated}}},"readyReplicas":{{{ready}}},"availableReplicas":{{{available}}}}}""", V1Patch.PatchType.MergePatch),
            name, "shop", fieldManager: "kube-controller-manager", cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Changes replicas as `kubectl edit` would (field manager "kubectl-edit").</summary>
    public async Task EditReplicasAsync(int replicas) =>
        await Harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch($$$"""{"spec":{"replicas":{{{replicas}}}}}""", V1Patch.PatchType.MergePatch),
            "front-end", "shop", fieldManager: "kubectl-edit", cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Harness.DisposeAsync();
    }
}
