using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Status;
using GitOps.Reconciler.Tests.Support;
using k8s;

namespace GitOps.Reconciler.Tests.Status;

/// <summary>
/// One-shot runs append their entry to the history the agent keeps in the status ConfigMap (same records, same cap),
/// so the dashboard and a starting agent show them among the agent's own reconciles.
/// </summary>
public sealed class OneShotHistoryTests
{
    private const string OneShot = "reconcile --once";

    private static ReconcileRecord AgentEntry(int i) =>
        new(i.ToString("x40", CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(i), "poll", "applied", null);

    [Fact]
    public async Task Two_runs_of_different_commits_follow_the_agents_entries_in_order_and_the_oldest_fall_out_at_the_agents_cap()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var agentEntries = Enumerable.Range(0, RecordLists.Limit).Select(AgentEntry).ToList();
        await StatusConfigMap.SeedAsync(cluster, "prod-eu", agentEntries);
        var first = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var second = cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();

        Assert.True((await cluster.ReconcileAsync()).Succeeded);

        var history = await StatusConfigMap.HistoryAsync(cluster);
        Assert.Equal(RecordLists.Limit, history.Count);
        Assert.Equal(agentEntries.Skip(2), history.Take(RecordLists.Limit - 2));
        var (firstEntry, secondEntry) = (history[^2], history[^1]);
        Assert.Equal((first, OneShot, "applied", (string?)null), (firstEntry.Commit, firstEntry.Trigger, firstEntry.Result, firstEntry.Error));
        Assert.Equal((second, OneShot, "applied", (string?)null), (secondEntry.Commit, secondEntry.Trigger, secondEntry.Result, secondEntry.Error));
        Assert.True(firstEntry.At < secondEntry.At, $"{firstEntry.At:O} then {secondEntry.At:O}");
        Assert.Equal(secondEntry.At, DateTimeOffset.Parse(StatusConfigMap.Data(await StatusConfigMap.DataAsync(cluster), "lastRunTime")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_failed_run_is_in_history_with_its_error_after_the_applied_commit_before_it()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var good = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var bad = cluster.Repo.Write("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n").Commit();

        Assert.False((await cluster.ReconcileAsync()).Succeeded);

        var history = await StatusConfigMap.HistoryAsync(cluster);
        Assert.Equal(
            [(good, "applied", null), (bad, "failed", "prod/bad.yaml:1: ConfigMap has no metadata.name")],
            history.Select(h => (h.Commit, h.Result, h.Error)));
        Assert.All(history, h => Assert.Equal(OneShot, h.Trigger));
    }

    [Fact]
    public async Task A_run_that_finds_its_commit_applied_and_changes_nothing_adds_no_entry_but_one_that_corrects_drift_does()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);

        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var afterNoOp = await StatusConfigMap.HistoryAsync(cluster);
        await cluster.MergePatchAsync("/api/v1/namespaces/default/configmaps/a", """{"data":{"key":"drifted"}}""");
        var corrected = await cluster.ReconcileAsync();

        Assert.Equal(ObjectAction.Configured, Assert.Single(corrected.Objects).Action);
        Assert.Single(afterNoOp);
        var history = await StatusConfigMap.HistoryAsync(cluster);
        Assert.Equal([sha, sha], history.Select(h => h.Commit));
        Assert.True(history[0].At < history[1].At);
    }

    [Fact]
    public async Task An_entry_an_agent_writes_while_the_run_is_under_way_is_kept_before_the_runs_own()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var first = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var second = cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        var agentEntry = AgentEntry(7);
        var agentHistory = StatusConfigMap.Json([.. await StatusConfigMap.HistoryAsync(cluster), agentEntry]);
        var written = false;

        // Long after the run read the status ConfigMap (while it fetched), before it records its outcome there.
        var result = await cluster.ReconcileAsync(checkpoint: point =>
        {
            if (point == "inventory shrunk" && !written)
            {
                written = true;
                SendMergePatch(cluster, StatusConfigMap.Path, new JsonObject { ["data"] = new JsonObject { ["history"] = agentHistory } }.ToJsonString());
            }
        });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.True(written);
        Assert.Equal([first, agentEntry.Commit, second], (await StatusConfigMap.HistoryAsync(cluster)).Select(h => h.Commit));
    }

    [Fact]
    public async Task A_fetch_failure_adds_no_entry_as_no_commit_was_attempted()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);

        Assert.False((await cluster.ReconcileAsync(url: Path.Combine(cluster.Repo.RootPath, "gone.git"))).Succeeded);

        Assert.Equal(sha, Assert.Single(await StatusConfigMap.HistoryAsync(cluster)).Commit);
    }

    [Fact]
    public async Task A_one_shot_entry_stays_in_history_when_a_running_agent_records_its_next_reconcile()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2"));
        var oneShot = harness.Repo.Commit();
        Assert.True((await Reconciler.RunAsync(harness.ReconcileOptions("one-shot-cache"), harness.Sandbox.ClusterConfiguration(), TestContext.Current.CancellationToken)).Succeeded);
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "3"));
        var third = harness.Repo.Commit();

        var status = await AgentHarness.CycleAsync(agent, s => s.LastAppliedCommit == third);

        (string, string)[] expected = [(first, "startup"), (oneShot, OneShot), (third, "poll")];
        Assert.Equal(expected, status.History.Select(h => (h.Commit, h.Trigger)));
        var stored = (await harness.Client.CoreV1.ReadNamespacedConfigMapAsync("gitops-prod-status", "gitops-system", cancellationToken: TestContext.Current.CancellationToken)).Data;
        Assert.Equal(expected, ClusterStatusStore.Records(stored.AsReadOnly()).History.Select(h => (h.Commit, h.Trigger)));
    }

    /// <summary>A merge patch sent synchronously: the reconciler's checkpoints are synchronous callbacks.</summary>
    private static void SendMergePatch(SandboxCluster cluster, string path, string patch)
    {
        using var http = new HttpClient { BaseAddress = cluster.Server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Patch, path.TrimStart('/') + "?fieldManager=gitops-agent")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
    }
}
