using GitOps.Reconciler.Tests.Support;
using k8s;
using k8s.Autorest;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class ReliabilityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string?> ValueAsync(AgentHarness harness, string name)
    {
        try
        {
            return (await harness.Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default", cancellationToken: Cancel)).Data["value"];
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task When_the_remote_disappears_the_agent_keeps_the_last_applied_state_reports_stale_and_recovers()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        var hidden = harness.Repo.BarePath + ".gone";
        Directory.Move(harness.Repo.BarePath, hidden);

        var stale = await AgentHarness.CycleAsync(agent);

        Assert.Equal(("fetch-failed", true, first), (stale.LastResult, stale.Stale, stale.LastAppliedCommit));
        Assert.Equal(1, agent.Metrics.FetchFailures.Value);
        Assert.Equal("1", await ValueAsync(harness, "a"));
        var recorded = (await harness.Client.CoreV1.ReadNamespacedConfigMapAsync("gitops-prod-status", "gitops-system", cancellationToken: Cancel)).Data;
        Assert.Equal(("true", "fetch-failed"), (recorded["stale"], recorded["lastResult"]));

        Directory.Move(hidden, harness.Repo.BarePath);
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2"));
        var second = harness.Repo.Commit();
        var recovered = await AgentHarness.CycleAsync(agent);

        Assert.Equal((second, false), (recovered.LastAppliedCommit, recovered.Stale));
        Assert.Equal("2", await ValueAsync(harness, "a"));
    }

    [Fact]
    public async Task A_force_push_to_unrelated_history_is_refused_unless_allowed()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        Git.Run(harness.Repo.WorkPath, "checkout", "--quiet", "--orphan", "rewritten");
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "rewritten"));
        var unrelated = harness.Repo.Commit("unrelated history");

        var refused = await AgentHarness.CycleAsync(agent);

        Assert.Equal(("refused", first, unrelated), (refused.LastResult, refused.LastAppliedCommit, refused.RefusedCommit));
        Assert.Contains("force-pushed", refused.LastError, StringComparison.Ordinal);
        Assert.Equal("1", await ValueAsync(harness, "a"));

        await harness.StopAgentAsync(agent);
        var allowing = await harness.StartAgentAsync(r => AgentHarness.Options(r) with { AllowForcePush = true });
        await allowing.WaitForAsync(s => s.LastAppliedCommit == unrelated, TimeSpan.FromSeconds(30));
        Assert.Equal("rewritten", await ValueAsync(harness, "a"));
    }

    [Fact]
    public async Task A_new_agent_with_an_empty_cache_refuses_a_tip_that_does_not_descend_from_the_applied_commit_in_the_cluster()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        await harness.StopAgentAsync(agent);
        Git.Run(harness.Repo.WorkPath, "checkout", "--quiet", "--orphan", "rewritten");
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "rewritten"));
        var unrelated = harness.Repo.Commit("unrelated history");

        // A fresh replica: its cache never saw the applied commit, only the inventory in the cluster names it.
        var fresh = await harness.StartAgentAsync(cacheName: "fresh-cache");
        var refused = await fresh.WaitForAsync(s => s.LastResult == "refused", TimeSpan.FromSeconds(30));

        Assert.Equal((first, unrelated), (refused.LastAppliedCommit, refused.RefusedCommit));
        Assert.Contains($"the applied commit {first[..12]} recorded in the cluster is not in the history of {unrelated[..12]}", refused.LastError, StringComparison.Ordinal);
        Assert.Equal("1", await ValueAsync(harness, "a"));
        await harness.StopAgentAsync(fresh);

        var allowing = await harness.StartAgentAsync(r => AgentHarness.Options(r) with { AllowForcePush = true }, cacheName: "allowing-cache");
        await allowing.WaitForAsync(s => s.LastAppliedCommit == unrelated, TimeSpan.FromSeconds(30));
        Assert.Equal("rewritten", await ValueAsync(harness, "a"));
    }

    [Fact]
    public async Task A_new_agent_with_an_empty_cache_applies_a_tip_that_descends_from_the_applied_commit()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        await harness.StopAgentAsync(agent);
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2"));
        var second = harness.Repo.Commit();

        var fresh = await harness.StartAgentAsync(cacheName: "fresh-cache");
        await fresh.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));

        Assert.Equal("2", await ValueAsync(harness, "a"));
    }

    [Theory]
    [InlineData("errors")]
    [InlineData("dropped connections")]
    public async Task While_the_api_server_fails_nothing_is_wrongly_pruned_and_the_agent_converges_afterwards(string fault)
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1")).Write("prod/b.yaml", TestManifests.ConfigMap("default", "b", "1"));
        var first = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2")).Write("prod/c.yaml", TestManifests.ConfigMap("default", "c", "1")).Delete("prod/b.yaml");
        var second = harness.Repo.Commit();
        if (fault == "errors")
        {
            harness.Sandbox.Faults.FailNext(1000, "PATCH", "/configmaps/a", 503);
        }
        else
        {
            harness.Sandbox.Faults.DropNext(1000, "PATCH", "/configmaps/a");
        }

        var failed = await AgentHarness.CycleAsync(agent);

        Assert.Equal(("failed", first), (failed.LastResult, failed.LastAppliedCommit));
        Assert.Equal("1", await ValueAsync(harness, "b"));
        Assert.Equal("1", await ValueAsync(harness, "a"));

        harness.Sandbox.Faults.Clear();
        var converged = await AgentHarness.CycleAsync(agent);

        Assert.Equal(second, converged.LastAppliedCommit);
        Assert.Equal(("2", null, "1"), (await ValueAsync(harness, "a"), await ValueAsync(harness, "b"), await ValueAsync(harness, "c")));
    }

    [Fact]
    public async Task An_agent_killed_mid_apply_is_replaced_by_one_that_converges_with_nothing_lost()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1")).Write("prod/b.yaml", TestManifests.ConfigMap("default", "b", "1"));
        var first = harness.Repo.Commit();
        var seed = await harness.StartAgentAsync();
        await seed.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        await harness.StopAgentAsync(seed);
        harness.Repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2")).Write("prod/c.yaml", TestManifests.ConfigMap("default", "c", "1")).Delete("prod/b.yaml");
        var second = harness.Repo.Commit();

        var killed = await harness.StartAgentAsync(checkpoint: point =>
        {
            if (point.StartsWith("applied ConfigMap", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("killed mid-apply");
            }
        });
        var crashed = await killed.WaitForAsync(s => s.Cycles > 0, TimeSpan.FromSeconds(30));
        Assert.Equal(first, crashed.LastAppliedCommit);
        await harness.StopAgentAsync(killed);
        Assert.Equal("1", await ValueAsync(harness, "b"));

        var restarted = await harness.StartAgentAsync();
        await restarted.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));

        Assert.Equal(("2", null, "1"), (await ValueAsync(harness, "a"), await ValueAsync(harness, "b"), await ValueAsync(harness, "c")));
    }
}
