using System.Diagnostics;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Leadership;
using GitOps.Reconciler.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Leadership;

/// <summary>The leading loop against the sandbox: renewing, stepping down, releasing.</summary>
public sealed class LeaseLeadershipTests
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/default/leases/agent";

    private static readonly LeaderElectionSettings Timings = new()
    {
        Identity = "a",
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    private static KubeApi Api(SandboxCluster cluster) => new(KubeConnection.Create(cluster.Server.ClusterConfiguration()), SandboxCluster.TestRetry);

    /// <summary>Runs a candidate until it leads; the returned source stops it.</summary>
    private static async Task<(LeaseLeadership Leadership, Task Running, CancellationTokenSource Stop)> LeadingAsync(SandboxCluster cluster)
    {
        var leadership = new LeaseLeadership(Api(cluster), "default", "agent", Timings, NullLogger.Instance);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        leadership.StartedLeading += () => started.TrySetResult();
        var stop = new CancellationTokenSource();
        var running = Task.Run(() => leadership.RunAsync(stop.Token), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(leadership.IsLeader);
        return (leadership, running, stop);
    }

    private static async Task<TimeSpan> TimeUntilCancelledAsync(TimeSpan limit, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(cancelled.SetResult);
        await cancelled.Task.WaitAsync(limit, TestContext.Current.CancellationToken);
        return clock.Elapsed;
    }

    [Fact]
    public async Task The_leader_steps_down_within_the_renew_deadline_when_renewals_fail_and_leads_again_once_they_succeed()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (leadership, running, stop) = await LeadingAsync(cluster);
        using var _ = leadership;
        using var __ = stop;
        var token = leadership.Token;

        cluster.Server.Faults.FailNext(int.MaxValue, "*", "/leases/agent", 503);
        var steppedDownAfter = await TimeUntilCancelledAsync(TimeSpan.FromSeconds(10), token);

        // Stepped down before the lease could lapse for a standby: never two leaders.
        Assert.False(leadership.IsLeader);
        Assert.True(steppedDownAfter < Timings.LeaseDuration, $"stepped down after {steppedDownAfter}");

        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        leadership.StartedLeading += () => again.TrySetResult();
        cluster.Server.Faults.Clear();
        await again.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(leadership.IsLeader);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task The_leader_steps_down_at_once_when_another_holder_appears_on_the_lease()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (leadership, running, stop) = await LeadingAsync(cluster);
        using var _ = leadership;
        using var __ = stop;

        await cluster.MergePatchAsync(LeasePath, """{"spec":{"holderIdentity":"intruder"}}""");
        var steppedDownAfter = await TimeUntilCancelledAsync(TimeSpan.FromSeconds(10), leadership.Token);

        Assert.True(steppedDownAfter < Timings.RenewDeadline, $"stepped down after {steppedDownAfter}");
        Assert.Equal("intruder", (string?)(await cluster.GetAsync(LeasePath))!["spec"]!["holderIdentity"]);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Stopping_releases_the_lease_so_a_standby_takes_over_without_waiting_out_the_duration()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (leadership, running, stop) = await LeadingAsync(cluster);
        using var _ = leadership;
        using var __ = stop;
        var token = leadership.Token;

        await stop.CancelAsync();
        await running;

        Assert.True(token.IsCancellationRequested);
        var spec = (await cluster.GetAsync(LeasePath))!["spec"]!;
        Assert.Null(spec["holderIdentity"]);

        // A clock that never moves: the standby can only take over because the Lease was released.
        var standby = new LeaseElector(Api(cluster), "default", "agent", new LeaderElectionSettings { Identity = "b" }, new ManualClock());
        Assert.True(await standby.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken));
    }
}
