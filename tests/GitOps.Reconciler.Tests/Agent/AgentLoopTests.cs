using System.Diagnostics;
using System.Net;
using System.Text;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Hosting;
using GitOps.Reconciler.Tests.Support;
using k8s;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class AgentLoopTests
{
    private const string Secret = "test-webhook-secret";

    private static Func<ReconcileOptions, AgentOptions> Listening =>
        reconcile => AgentHarness.Options(reconcile) with { Listen = "127.0.0.1:0", WebhookSecret = Secret };

    [Fact]
    public async Task A_signed_webhook_makes_the_agent_apply_a_new_commit_without_waiting_for_the_poll_interval()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/ns.yaml", TestManifests.Namespace("shop")).Write("prod/cm.yaml", TestManifests.ConfigMap("shop", "settings", "one"));
        var first = harness.Repo.Commit("first");
        var agent = await harness.StartAgentAsync(Listening);
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));

        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("shop", "settings", "two"));
        var second = harness.Repo.Commit("second");
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/rendered"}""");
        using var content = new ByteArrayContent(body);
        content.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(Secret, body));
        using var response = await http.PostAsync(new Uri(agent.Url!, "/hooks/git"), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The poll interval is 10 minutes: only the webhook can make this happen within the wait.
        var status = await agent.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));
        clock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"commit-to-applied latency with the webhook: {clock.ElapsedMilliseconds} ms");
        Assert.Equal("webhook", status.LastTrigger);
        var live = await harness.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "shop", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("two", live.Data["value"]);
    }

    [Fact]
    public async Task A_signed_push_to_another_branch_is_acknowledged_and_ignored_and_a_push_to_the_followed_branch_still_triggers()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "one"));
        var first = harness.Repo.Commit("first");
        var agent = await harness.StartAgentAsync(Listening);
        await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromSeconds(30));
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "two"));
        var second = harness.Repo.Commit("second");
        using var http = new HttpClient { BaseAddress = agent.Url };
        var ct = TestContext.Current.CancellationToken;

        using var other = await PostSignedAsync(http, """{"ref":"refs/heads/feature","after":"0123"}""", ct);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal("ignored: push to refs/heads/feature; this agent follows refs/heads/rendered", (await other.Content.ReadAsStringAsync(ct)).Trim());
        using var tag = await PostSignedAsync(http, """{"ref":"refs/tags/v1"}""", ct);
        Assert.StartsWith("ignored: push to refs/tags/v1", await tag.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
        Assert.Contains("gitops_webhook_requests_total{outcome=\"ignored\"} 2", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("outcome=\"triggered\"", metrics, StringComparison.Ordinal);
        Assert.Equal(first, agent.Status.LastAppliedCommit);

        using var followed = await PostSignedAsync(http, """{"ref":"refs/heads/rendered"}""", ct);
        Assert.Equal("fetch triggered", (await followed.Content.ReadAsStringAsync(ct)).Trim());
        var status = await agent.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));
        Assert.Equal("webhook", status.LastTrigger);
    }

    [Fact]
    public async Task A_branch_filter_never_runs_before_the_signature_check()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "a", "1")).Commit();
        var agent = await harness.StartAgentAsync(Listening);
        using var http = new HttpClient { BaseAddress = agent.Url };
        using var content = new StringContent("""{"ref":"refs/heads/feature"}""");
        content.Headers.TryAddWithoutValidation(WebhookSignature.Header, "sha256=00");

        using var response = await http.PostAsync(new Uri("/hooks/git", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("rendered", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient http, string json, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var content = new ByteArrayContent(body);
        content.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(Secret, body));
        return http.PostAsync(new Uri("/hooks/git", UriKind.Relative), content, cancellationToken);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_webhook_without_a_valid_signature_is_rejected_with_401(string? signature)
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "a", "1")).Commit();
        var agent = await harness.StartAgentAsync(Listening);

        using var http = new HttpClient();
        using var content = new StringContent("""{"ref":"refs/heads/rendered"}""");
        if (signature is not null)
        {
            content.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        }

        using var response = await http.PostAsync(new Uri(agent.Url!, "/hooks/git"), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_out_of_memory_cycle_stops_the_loop_and_fails_healthz_so_the_pod_is_restarted()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "a", "1"));
        harness.Repo.Commit();
        // The run fails as a GC heap limit makes it fail: an OutOfMemoryException in the middle of the apply.
#pragma warning disable CA2201 // The runtime's own exception is what this test stands in for.
        var agent = await harness.StartAgentAsync(Listening, checkpoint: point => throw new OutOfMemoryException($"at {point}"));
#pragma warning restore CA2201
        using var http = new HttpClient { BaseAddress = agent.Url };
        var ct = TestContext.Current.CancellationToken;

        HttpResponseMessage health;
        var clock = Stopwatch.StartNew();
        while ((health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).StatusCode == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            health.Dispose();
            await Task.Delay(50, ct);
        }

        using (health)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("the reconcile loop stopped: at inventory grown", await health.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        Assert.Equal("at inventory grown", agent.LoopFailure);
    }

    [Fact]
    public async Task A_run_of_a_thousand_objects_collects_its_parse_garbage_before_reading_live_objects_and_a_small_one_does_not()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/small.yaml", TestManifests.ConfigMap("default", "small", "1"));
        var small = harness.Repo.Commit("small");
        var agent = await harness.StartAgentAsync();
        await agent.WaitForAsync(s => s.LastAppliedCommit == small, TimeSpan.FromSeconds(30));
        Assert.Equal(0, agent.Memory.ParsedReleases);

        var many = string.Join("---\n", Enumerable.Range(0, CycleMemory.ParsedObjectsThreshold).Select(i => TestManifests.ConfigMap("default", $"cm-{i:D4}", "1")));
        harness.Repo.Write("prod/many.yaml", many);
        var large = harness.Repo.Commit("large");
        agent.Trigger("manual");
        var status = await agent.WaitForAsync(s => s.LastAppliedCommit == large, TimeSpan.FromSeconds(60));

        Assert.Equal("applied", status.LastResult);
        Assert.Equal(1, agent.Memory.ParsedReleases);
    }

    [Fact]
    public async Task Probes_and_metrics_are_served_with_the_documented_metric_names()
    {
        await using var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var commit = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync(Listening);
        await agent.WaitForAsync(s => s.LastAppliedCommit == commit, TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = agent.Url };
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).StatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);

        Assert.Contains("gitops_reconcile_total{result=\"success\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("gitops_reconcile_duration_seconds_bucket{result=\"success\",le=", metrics, StringComparison.Ordinal);
        Assert.Contains("gitops_objects{state=\"current\"} 1", metrics, StringComparison.Ordinal);
        foreach (var name in new[] { "gitops_drift_corrections_total", "gitops_prune_total", "gitops_last_applied_timestamp_seconds", "gitops_source_fetch_failures_total", "gitops_signature_failures_total" })
        {
            Assert.Contains($"# TYPE {name} ", metrics, StringComparison.Ordinal);
        }
    }
}
