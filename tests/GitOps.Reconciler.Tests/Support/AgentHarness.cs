using GitOps.Reconciler.Agent;
using GitOps.Sandbox;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>A sandbox API server, a rendered repository and agents reconciling it, all torn down on dispose.</summary>
public sealed class AgentHarness : IAsyncDisposable
{
    private readonly List<GitOpsAgent> agents = [];

    private AgentHarness(SandboxServer sandbox)
    {
        Sandbox = sandbox;
        Client = new Kubernetes(sandbox.ClientConfiguration());
    }

    public SandboxServer Sandbox { get; }

    public RenderedRepo Repo { get; } = new();

    public Kubernetes Client { get; }

    public static async Task<AgentHarness> StartAsync() => new(await SandboxServer.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(20) }));

    /// <summary>Reconcile options for this repository's <c>prod</c> path, with fast retries.</summary>
    public ReconcileOptions ReconcileOptions(string? cacheName = null, Action<string>? checkpoint = null, TimeSpan? timeout = null) => new()
    {
        Checkpoint = checkpoint,
        RepositoryUrl = Repo.BarePath,
        Branch = Repo.Branch,
        Path = "prod",
        CacheDirectory = Path.Combine(Repo.RootPath, cacheName ?? "agent-cache"),
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
        Retry = new Cluster.RetryPolicy(6, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)),
        HealthPollInterval = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Starts an agent that polls rarely (tests trigger cycles) and runs without leader election unless given.</summary>
    public async Task<GitOpsAgent> StartAgentAsync(Func<ReconcileOptions, AgentOptions>? configure = null, string? cacheName = null, Action<string>? checkpoint = null, TimeSpan? timeout = null)
    {
        var reconcile = ReconcileOptions(cacheName, checkpoint, timeout);
        var options = configure?.Invoke(reconcile) ?? Options(reconcile);
        var agent = new GitOpsAgent(options, Sandbox.ClusterConfiguration(), NullLogger.Instance);
        agents.Add(agent);
        await agent.StartAsync();
        return agent;
    }

    public static AgentOptions Options(ReconcileOptions reconcile) =>
        new() { Reconcile = reconcile, Interval = TimeSpan.FromMinutes(10), LeaderElection = null, ClusterName = "test-cluster" };

    /// <summary>Triggers a cycle and waits until one has finished after the trigger and satisfies the condition.</summary>
    public static async Task<AgentStatus> CycleAsync(GitOpsAgent agent, Func<AgentStatus, bool>? condition = null)
    {
        var before = agent.Status.Cycles;
        agent.Trigger("poll");
        return await agent.WaitForAsync(s => s.Cycles > before && (condition?.Invoke(s) ?? true), TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in agents)
        {
            await agent.DisposeAsync();
        }

        Client.Dispose();
        await Sandbox.DisposeAsync();
        Repo.Dispose();
    }

    public async Task StopAgentAsync(GitOpsAgent agent)
    {
        agents.Remove(agent);
        await agent.DisposeAsync();
    }
}
