using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Leadership;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Leadership;

/// <summary>Single rounds of the election against the sandbox's Leases, with a manual clock where expiry matters.</summary>
public sealed partial class LeaseElectorTests
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/default/leases/agent";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static LeaseElector Candidate(SandboxCluster cluster, string identity, TimeProvider? clock = null) =>
        new(new KubeApi(KubeConnection.Create(cluster.Server.ClusterConfiguration()), SandboxCluster.TestRetry), "default", "agent",
            new LeaderElectionSettings { Identity = identity, LeaseDuration = Duration }, clock ?? TimeProvider.System);

    private static async Task<JsonObject> SpecAsync(SandboxCluster cluster) => (await cluster.GetAsync(LeasePath))!["spec"]!.AsObject();

    [Fact]
    public async Task A_standby_takes_over_only_after_the_lease_duration_passes_without_a_renewal()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var leader = Candidate(cluster, "a");
        var clock = new ManualClock();
        var standby = Candidate(cluster, "b", clock);

        Assert.True(await leader.TryAcquireOrRenewAsync(Cancel));
        Assert.False(await standby.TryAcquireOrRenewAsync(Cancel));
        clock.Advance(Duration * 0.9);
        Assert.True(await leader.TryAcquireOrRenewAsync(Cancel));
        Assert.False(await standby.TryAcquireOrRenewAsync(Cancel));

        // 1.8 lease durations since the standby first looked, but only 0.9 since it saw the renewal.
        clock.Advance(Duration * 0.9);
        Assert.False(await standby.TryAcquireOrRenewAsync(Cancel));
        Assert.Equal("a", (string?)(await SpecAsync(cluster))["holderIdentity"]);

        clock.Advance(Duration * 0.1);
        Assert.True(await standby.TryAcquireOrRenewAsync(Cancel));
        var spec = await SpecAsync(cluster);
        Assert.Equal("b", (string?)spec["holderIdentity"]);
        Assert.Equal(1, (int)spec["leaseTransitions"]!);
    }

    [Fact]
    public async Task A_holder_timestamps_from_another_clock_do_not_make_its_lease_expired()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        // A holder whose clock is years behind ours: by its renewTime the lease lapsed long ago, yet it is alive.
        await cluster.CreateAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases", """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"agent"},
             "spec":{"holderIdentity":"skewed","leaseDurationSeconds":10,"acquireTime":"2001-01-01T00:00:00.000000Z","renewTime":"2001-01-01T00:00:00.000000Z","leaseTransitions":4}}
            """);
        var clock = new ManualClock();
        var standby = Candidate(cluster, "b", clock);

        Assert.False(await standby.TryAcquireOrRenewAsync(Cancel));
        clock.Advance(Duration - TimeSpan.FromMilliseconds(1));
        Assert.False(await standby.TryAcquireOrRenewAsync(Cancel));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await standby.TryAcquireOrRenewAsync(Cancel));
        Assert.Equal(5, (int)(await SpecAsync(cluster))["leaseTransitions"]!);
    }

    [Fact]
    public async Task Of_two_candidates_writing_on_the_same_read_the_second_gets_a_conflict_and_is_not_leader()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (b, c) = (Candidate(cluster, "b"), Candidate(cluster, "c"));

        // Both find no Lease; both create it; the API server lets one through (409 AlreadyExists for the other).
        var (seenByB, seenByC) = (await b.ObserveAsync(Cancel), await c.ObserveAsync(Cancel));
        Assert.True(await b.TryClaimAsync(seenByB, Cancel));
        Assert.False(await c.TryClaimAsync(seenByC, Cancel));

        // Released: both read the same resourceVersion and both may take it; only the first write wins (409 Conflict).
        await b.ReleaseAsync(Cancel);
        (seenByB, seenByC) = (await b.ObserveAsync(Cancel), await c.ObserveAsync(Cancel));
        Assert.Equal(seenByB.ResourceVersion, seenByC.ResourceVersion);
        Assert.True(await c.TryClaimAsync(seenByC, Cancel));
        Assert.False(await b.TryClaimAsync(seenByB, Cancel));
        Assert.Equal("c", (string?)(await SpecAsync(cluster))["holderIdentity"]);
    }

    [Fact]
    public async Task Renewals_keep_the_acquire_time_and_count_while_each_new_holder_is_a_transition()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (a, b) = (Candidate(cluster, "a"), Candidate(cluster, "b"));

        Assert.True(await a.TryAcquireOrRenewAsync(Cancel));
        var acquired = await SpecAsync(cluster);
        Assert.Equal(0, (int)acquired["leaseTransitions"]!);
        Assert.Equal((int)Duration.TotalSeconds, (int)acquired["leaseDurationSeconds"]!);
        Assert.Matches(MicroTime(), (string?)acquired["acquireTime"]);
        Assert.Matches(MicroTime(), (string?)acquired["renewTime"]);

        Assert.True(await a.TryAcquireOrRenewAsync(Cancel));
        var renewed = await SpecAsync(cluster);
        Assert.Equal((string?)acquired["acquireTime"], (string?)renewed["acquireTime"]);
        Assert.NotEqual((string?)acquired["renewTime"], (string?)renewed["renewTime"]);
        Assert.Equal(0, (int)renewed["leaseTransitions"]!);

        await a.ReleaseAsync(Cancel);
        var released = await SpecAsync(cluster);
        Assert.Null(released["holderIdentity"]);
        Assert.Equal(1, (int)released["leaseDurationSeconds"]!);

        // A released Lease is taken at once, without waiting out any duration.
        Assert.True(await b.TryAcquireOrRenewAsync(Cancel));
        Assert.Equal(1, (int)(await SpecAsync(cluster))["leaseTransitions"]!);
        Assert.False(await a.TryAcquireOrRenewAsync(Cancel));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")]
    private static partial Regex MicroTime();
}
