using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Status;
using GitOps.Reconciler.Tests.Support;
using GitOps.Reconciler.WriteBack;
using k8s;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class StatusAndControlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_one_shot_entry_stored_while_the_agents_status_write_is_in_flight_is_kept()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        using var api = new KubeApi(KubeConnection.Create(harness.Sandbox.ClusterConfiguration()), SandboxCluster.TestRetry);
        var store = new ClusterStatusStore(api, "gitops-system", harness.ReconcileOptions().EffectiveInventoryName);

        // The agent's next status write is held after it has read and merged the stored history...
        var gate = harness.Sandbox.Faults.HoldNext("PATCH", "/configmaps/gitops-prod-status");
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2"));
        var second = harness.Repo.Commit();
        agent.Trigger("manual");
        await gate.Arrived.WaitAsync(Cancel);
        // ...and meanwhile a one-shot run appends its entry, as `gitops reconcile` does.
        var oneShot = new ReconcileRecord(new string('f', 40), DateTimeOffset.UtcNow, "reconcile --once", "applied", null);
        await store.MergeAsync(
            data => new JsonObject { [StatusKeys.History] = StatusConfigMap.Json(ClusterStatusStore.Records(data).History.Append(oneShot)) },
            early: null,
            "gitops-reconcile",
            Cancel);
        gate.Release();
        await agent.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));

        var history = ClusterStatusStore.Records(await store.ReadAsync(Cancel)).History;
        Assert.Contains(oneShot, history);
        Assert.Contains(history, r => r.Commit == second && r.Trigger == "manual");
    }

    [Fact]
    public async Task After_a_run_the_cluster_holds_the_status_and_events_for_applies_and_prunes()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1")).Write("prod/b.yaml", TestManifests.ConfigMap("default", "b", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        harness.Repo.Delete("prod/b.yaml");
        var second = harness.Repo.Commit();

        var status = await AgentHarness.CycleAsync(agent, s => s.LastAppliedCommit == second);

        Assert.Equal(("applied", "1 current", true), (status.LastResult, status.Health, status.Healthy));
        var recorded = (await harness.Client.CoreV1.ReadNamespacedConfigMapAsync("gitops-prod-status", "gitops-system", cancellationToken: Cancel)).Data;
        Assert.Equal((second, second, "applied", "1 current", "test-cluster"),
            (recorded["lastAttemptedCommit"], recorded["lastAppliedCommit"], recorded["lastResult"], recorded["health"], recorded["cluster"]));
        Assert.True(DateTimeOffset.TryParse(recorded["lastAppliedTime"], System.Globalization.CultureInfo.InvariantCulture, out _));
        var events = (await harness.Client.CoreV1.ListNamespacedEventAsync("gitops-system", cancellationToken: Cancel)).Items;
        Assert.Equal(2, events.Count(e => e.Reason == "Applied" && e.InvolvedObject.Name == "gitops-prod"));
        Assert.Contains(events, e => e.Reason == "Pruned" && e.Message.Contains("ConfigMap default/b", StringComparison.Ordinal));
        var statuses = await AgentControl.ReadStatusesAsync(harness.Sandbox.ClusterConfiguration(), "gitops-system", Cancel);
        Assert.Equal("gitops-prod", Assert.Single(statuses).Inventory);
    }

    [Fact]
    public async Task A_failed_run_is_recorded_with_its_error_and_a_warning_event()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", "apiVersion: v1\nkind: Gadget\nmetadata:\n  name: x\n");
        harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();

        var status = await agent.WaitForAsync(s => s.LastResult == "failed", TimeSpan.FromSeconds(30));

        Assert.Contains("Gadget", status.LastError, StringComparison.Ordinal);
        Assert.Null(status.LastAppliedCommit);
        var events = (await harness.Client.CoreV1.ListNamespacedEventAsync("gitops-system", cancellationToken: Cancel)).Items;
        Assert.Contains(events, e => e.Reason == "ReconcileFailed" && e.Type == "Warning" && e.Message.Contains("Gadget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_suspended_inventory_holds_new_commits_until_resumed()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        var cluster = harness.Sandbox.ClusterConfiguration();
        await AgentControl.SetSuspendedAsync(cluster, "gitops-system", "gitops-prod", suspended: true, Cancel);
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2"));
        var second = harness.Repo.Commit();

        var suspended = await AgentHarness.CycleAsync(agent);
        Assert.Equal(("suspended", true, first), (suspended.LastResult, suspended.Suspended, suspended.LastAppliedCommit));

        await AgentControl.SetSuspendedAsync(cluster, "gitops-system", "gitops-prod", suspended: false, Cancel);
        var resumed = await AgentHarness.CycleAsync(agent);
        Assert.Equal((second, false), (resumed.LastAppliedCommit, resumed.Suspended));
    }

    [Fact]
    public async Task Suspending_where_nothing_was_reconciled_names_the_missing_inventory()
    {
        await using var harness = await AgentHarness.StartAsync();
        var error = await Assert.ThrowsAsync<ReconcileException>(() =>
            AgentControl.SetSuspendedAsync(harness.Sandbox.ClusterConfiguration(), "gitops-system", "gitops-prod", suspended: true, Cancel));
        Assert.Contains("gitops-system/gitops-prod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_back_pushes_a_note_under_refs_notes_gitops_that_git_shows()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var commit = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync(r => AgentHarness.Options(r) with { WriteBack = true });
        await agent.WaitForAsync(s => s.LastAppliedCommit == commit, TimeSpan.FromSeconds(30));

        var note = Git.Run(harness.Repo.BarePath, "notes", "--ref=gitops", "show", commit);

        var parsed = Assert.Single(DeploymentNote.ParseAll(note));
        Assert.Equal(("test-cluster", "prod", true), (parsed.Cluster, parsed.Path, parsed.IsHealthy));
        Assert.StartsWith("applied and healthy on test-cluster at ", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_every_sync_window_a_new_commit_waits_and_the_reason_is_reported()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        harness.Repo.Commit();
        var now = DateTimeOffset.UtcNow;
        var closed = SyncWindows.Create([($"0 0 1 {(now.Month % 12) + 1} *", TimeSpan.FromMinutes(1))]);
        var agent = await harness.StartAgentAsync(r => AgentHarness.Options(r) with { SyncWindows = closed });

        var status = await agent.WaitForAsync(s => s.Cycles > 0, TimeSpan.FromSeconds(30));

        Assert.Equal("outside-window", status.LastResult);
        Assert.Null(status.LastAppliedCommit);
        Assert.Contains("next opens at", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sync_window_is_open_from_its_cron_time_for_its_duration()
    {
        var weekdayMornings = SyncWindows.Create([("0 9 * * MON-FRI", TimeSpan.FromHours(2))]);
        var monday = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        Assert.False(weekdayMornings.IsOpen(monday.AddHours(8).AddMinutes(59)));
        Assert.True(weekdayMornings.IsOpen(monday.AddHours(9)));
        Assert.True(weekdayMornings.IsOpen(monday.AddHours(10).AddMinutes(59)));
        Assert.False(weekdayMornings.IsOpen(monday.AddHours(11).AddMinutes(1)));
        Assert.False(weekdayMornings.IsOpen(monday.AddDays(5).AddHours(10)));
        Assert.Throws<ReconcileException>(() => SyncWindows.Create([("61 * * * *", TimeSpan.FromHours(1))]));
    }
}
