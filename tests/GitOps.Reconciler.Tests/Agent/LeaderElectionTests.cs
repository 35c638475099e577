using System.Diagnostics;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Tests.Support;
using k8s;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class LeaderElectionTests
{
    private static Func<ReconcileOptions, AgentOptions> Replica(string identity) =>
        reconcile => AgentHarness.Options(reconcile) with
        {
            LeaderElection = new LeaderElectionSettings
            {
                Identity = identity,
                LeaseDuration = TimeSpan.FromSeconds(2),
                RenewDeadline = TimeSpan.FromSeconds(1.5),
                RetryPeriod = TimeSpan.FromMilliseconds(200),
            },
        };

    [Fact]
    public async Task Two_replicas_never_lead_at_once_and_the_standby_takes_over_when_the_leader_dies()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "one"));
        var first = harness.Repo.Commit("first");
        var a = await harness.StartAgentAsync(Replica("replica-a"), cacheName: "cache-a");
        var b = await harness.StartAgentAsync(Replica("replica-b"), cacheName: "cache-b");
        using var watching = new CancellationTokenSource();
        var bothLed = 0;
        var monitor = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                if (a.IsLeader && b.IsLeader)
                {
                    Interlocked.Increment(ref bothLed);
                }

                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var applied = await Task.WhenAny(
            a.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30)),
            b.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30)));
        await applied;
        var (leader, standby) = a.Status.LastAppliedCommit == first ? (a, b) : (b, a);
        Assert.True(leader.IsLeader);
        Assert.False(standby.IsLeader);
        Assert.Equal(0, standby.Status.Cycles);

        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "two"));
        var second = harness.Repo.Commit("second");
        var clock = Stopwatch.StartNew();
        await harness.StopAgentAsync(leader);
        await standby.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"standby applied after the leader stopped: {clock.ElapsedMilliseconds} ms (lease 2 s)");
        await watching.CancelAsync();
        await monitor;

        Assert.Equal(0, bothLed);
        var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("gitops-prod-leader", "gitops-system", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(standby == a ? "replica-a" : "replica-b", lease.Spec.HolderIdentity);
    }

    [Fact]
    public async Task A_leader_that_dies_without_releasing_the_lease_is_replaced_once_the_lease_lapses()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "one"));
        var first = harness.Repo.Commit("first");
        var a = await harness.StartAgentAsync(Replica("replica-a"), cacheName: "cache-a");
        var b = await harness.StartAgentAsync(Replica("replica-b"), cacheName: "cache-b");
        await await Task.WhenAny(
            a.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30)),
            b.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30)));
        var (leader, standby) = a.Status.LastAppliedCommit == first ? (a, b) : (b, a);
        var leaderName = leader == a ? "replica-a" : "replica-b";

        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "two"));
        var second = harness.Repo.Commit("second");

        // As a killed process: its goodbye (the release) never reaches the API server. Two faults: a renewal may
        // take one; a renewal that fails is retried within the renew deadline.
        harness.Sandbox.Faults.FailNext(2, "PATCH", "/leases/gitops-prod-leader", 403);
        var clock = Stopwatch.StartNew();
        await harness.StopAgentAsync(leader);
        var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("gitops-prod-leader", "gitops-system", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(leaderName, lease.Spec.HolderIdentity);

        await standby.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"standby applied after the leader died: {clock.ElapsedMilliseconds} ms (lease 2 s)");

        // The standby waited out the lease, counted from the last renewal it saw (at most a retry period before the stop).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.7), $"took over after {clock.Elapsed}");
        Assert.True(standby.IsLeader);
    }
}
