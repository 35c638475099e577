using System.Threading.Channels;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Dashboard;
using GitOps.Reconciler.Drift;
using GitOps.Reconciler.Hosting;
using GitOps.Reconciler.Inventory;
using GitOps.Reconciler.Leadership;
using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.Status;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Agent;

/// <summary>
/// `gitops agent`: keeps a cluster equal to the rendered branch. Each cycle (every interval with jitter, at once on a
/// webhook, and when it becomes leader) fetches the branch; a new commit is verified and reconciled, an unchanged one
/// is checked for drift, which is corrected and attributed. Only the Lease holder applies anything.
/// </summary>
public sealed partial class GitOpsAgent : IAsyncDisposable
{
    private readonly AgentOptions options;
    private readonly ILogger logger;
    private readonly KubeApi api;
    private readonly InventoryStore inventory;
    private readonly ClusterStatusStore statusStore;
    private readonly EventRecorder events;
    private readonly DriftDetector driftDetector;
    private readonly DriftBackoff driftBackoff;
    private readonly CommitSignatureVerifier? verifier;
    private readonly LeaseLeadership? leadership;
    private readonly AgentHttpHost? http;
    private readonly Channel<string> triggers = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock statusGate = new();
    private readonly List<(Func<AgentStatus, bool> Condition, TaskCompletionSource<AgentStatus> Done)> waiters = [];
    private AgentStatus status = new();

    // The status waiters see: set once a cycle's status is also written to the cluster.
    private AgentStatus published = new();
    private Task running = Task.CompletedTask;
    private Task loop = Task.CompletedTask;

    public GitOpsAgent(AgentOptions options, ClusterConfiguration cluster, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        this.options = options;
        this.logger = logger;
        var reconcile = options.Reconcile;
        api = new KubeApi(KubeConnection.Create(cluster), reconcile.Retry);
        inventory = new InventoryStore(api, reconcile.InventoryNamespace, reconcile.EffectiveInventoryName);
        statusStore = new ClusterStatusStore(api, reconcile.InventoryNamespace, reconcile.EffectiveInventoryName);
        var identity = options.LeaderElection?.Identity ?? Environment.MachineName;
        events = new EventRecorder(api, reconcile.InventoryNamespace, reconcile.EffectiveInventoryName, identity);
        driftDetector = new DriftDetector(api, reconcile.Concurrency);
        driftBackoff = new DriftBackoff(options.EffectiveDriftBackoff, options.DriftBackoffLimit);
        verifier = options.Signatures is { } policy ? new CommitSignatureVerifier(policy) : null;
        if (options.LeaderElection is { } election)
        {
            leadership = new LeaseLeadership(api, reconcile.InventoryNamespace, $"{reconcile.EffectiveInventoryName}-leader", election, logger);
            leadership.StartedLeading += () => Trigger("leadership");
        }

        if (options.Listen is not null)
        {
            var dashboard = options.Dashboard.Enabled
                ? new DashboardService(
                    api, reconcile.InventoryNamespace, reconcile.EffectiveInventoryName,
                    new RenderedRepoView(reconcile.RepositoryUrl, reconcile.Branch, reconcile.CacheDirectory, reconcile.Credentials),
                    options.Dashboard, Trigger)
                : null;
            http = new AgentHttpHost(this, Metrics, options.WebhookSecret, reconcile.Branch, dashboard, logger);
        }
    }

    /// <summary>The agent's state after its last cycle.</summary>
    public AgentStatus Status
    {
        get
        {
            lock (statusGate)
            {
                return status;
            }
        }
    }

    /// <summary>
    /// Why the reconcile loop stopped for good (out of memory in a cycle), or null while it runs. The process may
    /// still serve HTTP then, so <c>/healthz</c> reports it and Kubernetes restarts the pod.
    /// </summary>
    public string? LoopFailure => loop.IsFaulted ? loop.Exception?.GetBaseException().Message ?? "failed" : null;

    /// <summary>True while this replica holds the Lease (always, without leader election).</summary>
    public bool IsLeader => leadership?.IsLeader ?? true;

    /// <summary>Where the webhook, probes and metrics are served, once started with a listen address.</summary>
    public Uri? Url => http?.Url;

    internal AgentMetrics Metrics { get; } = new();

    /// <summary>Returns each cycle's garbage to the system before the agent waits for the next one.</summary>
    internal CycleMemory Memory { get; } = new();

    /// <summary>Starts listening, campaigning for the Lease and looping; returns once the listener is up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (http is not null)
        {
            await http.StartAsync(options.Listen!, cancellationToken);
        }

        try
        {
            // The Lease, the status ConfigMap and the events live there, even before the first apply.
            await EnsureNamespaceAsync(cancellationToken);

            // History and drift records survive restarts in the status ConfigMap.
            var (history, driftLog) = ClusterStatusStore.Records(await statusStore.ReadAsync(cancellationToken));
            Update(s => s with { History = history, DriftLog = driftLog }, notify: false);
        }
        catch (KubeApiException e)
        {
            // The API server may be down at start; cycles retry this, and the election retries its Lease.
            AgentLog.ReportFailed(logger, e.Message);
        }

        var token = stopping.Token;
        loop = Task.Run(() => LoopAsync(token), CancellationToken.None);
        running = Task.WhenAll(
            loop,
            Task.Run(() => WatchSyncRequestsAsync(token), CancellationToken.None),
            leadership is null ? Task.CompletedTask : Task.Run(() => leadership.RunAsync(token), CancellationToken.None));
    }

    /// <summary>Runs until cancelled (the CLI's Ctrl+C or SIGTERM), then stops cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Asks for a fetch and reconcile now; coalesces with a request already pending.</summary>
    public void Trigger(string reason) => triggers.Writer.TryWrite(reason);

    /// <summary>Completes when the status satisfies <paramref name="condition"/> (checked after every cycle).</summary>
    public async Task<AgentStatus> WaitForAsync(Func<AgentStatus, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource<AgentStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (statusGate)
        {
            if (condition(published))
            {
                return published;
            }

            waiters.Add((condition, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"agent status did not reach the expected state within {timeout}; last status: {Status}");
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var reason = "startup";
        while (!cancellationToken.IsCancellationRequested)
        {
            if (IsLeader)
            {
                using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leadership?.Token ?? CancellationToken.None);
                try
                {
                    await RunCycleAsync(reason, work.Token);
                }
                catch (OperationCanceledException) when (work.IsCancellationRequested)
                {
                    // Stopping, or leadership lost mid-run: the new leader converges from whatever was applied.
                }
                catch (OutOfMemoryException e)
                {
                    // Nothing of this process can be trusted to continue: stop the loop, and /healthz fails.
                    AgentLog.LoopStopped(logger, e);
                    throw;
                }
                catch (Exception e)
                {
                    AgentLog.CycleCrashed(logger, e);
                    Update(s => s with { LastResult = "failed", LastError = e.Message, LastRunAt = DateTimeOffset.UtcNow, Cycles = s.Cycles + 1 });
                }

                Memory.ReleaseIfGrown();
            }

            reason = await NextTriggerAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Triggers a cycle when the inventory's <c>gitops.io/sync-requested</c> changes (`gitops ui`'s "sync now", which
    /// has no other way to reach this process): one GET of the inventory every couple of seconds.
    /// </summary>
    private async Task WatchSyncRequestsAsync(CancellationToken cancellationToken)
    {
        string? seen = null;
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var requested = await statusStore.SyncRequestedAsync(cancellationToken);
                if (!first && requested is not null && requested != seen)
                {
                    Trigger("manual");
                }

                (seen, first) = (requested, false);
            }
            catch (KubeApiException)
            {
                // The API server is unreachable: the reconcile loop reports that; look again later.
            }

            await Task.Delay(options.SyncRequestPoll, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<string> NextTriggerAsync(CancellationToken cancellationToken)
    {
        var jitter = options.Interval * (options.Jitter * ((Random.Shared.NextDouble() * 2) - 1));
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.Interval + jitter);
        try
        {
            return await triggers.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return "poll";
        }
    }

    private void Update(Func<AgentStatus, AgentStatus> change, bool notify = true)
    {
        lock (statusGate)
        {
            status = change(status) with { IsLeader = IsLeader };
        }

        if (notify)
        {
            NotifyWaiters();
        }
    }

    /// <summary>Completes every waiter whose condition the current status meets.</summary>
    private void NotifyWaiters()
    {
        List<(TaskCompletionSource<AgentStatus> Done, AgentStatus Status)> ready;
        lock (statusGate)
        {
            var current = published = status;
            ready = waiters.Where(w => w.Condition(current)).Select(w => (w.Done, current)).ToList();
            waiters.RemoveAll(w => ready.Any(r => r.Done == w.Done));
        }

        foreach (var (done, current) in ready)
        {
            done.TrySetResult(current);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (http is not null)
        {
            await http.DisposeAsync();
        }

        leadership?.Dispose();
        api.Dispose();
        stopping.Dispose();
    }
}
