using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Status;

/// <summary>
/// One-shot `Reconciler.RunAsync` (what `gitops reconcile --once` runs) records its outcome in the status ConfigMap next
/// to the inventory and emits Events on the inventory, as the agent does.
/// </summary>
public sealed class OneShotStatusTests
{
    private const string StatusPath = "/api/v1/namespaces/gitops-system/configmaps/gitops-prod-status";

    private static async Task<JsonObject> StatusAsync(SandboxCluster cluster) =>
        (await cluster.GetAsync(StatusPath))!["data"]!.AsObject();

    private static string? Data(JsonObject data, string key) => data[key]?.GetValue<string>();

    private static async Task<List<(string Type, string Reason, string Message, int Count)>> EventsAsync(SandboxCluster cluster) =>
        (await cluster.GetAsync("/api/v1/namespaces/gitops-system/events"))!["items"]!.AsArray()
            .Select(e => (e!["type"]!.GetValue<string>(), e["reason"]!.GetValue<string>(), e["message"]!.GetValue<string>(), e["count"]!.GetValue<int>()))
            .ToList();

    [Fact]
    public async Task A_successful_run_records_the_applied_commit_health_and_times_and_emits_an_applied_event()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var configMap = (await cluster.GetAsync(StatusPath))!;
        Assert.Equal("gitops-agent", configMap["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        var status = configMap["data"]!.AsObject();
        Assert.Equal(
            ("applied", sha, sha, "2 current", "true", "", "reconcile --once", "prod", "false"),
            (Data(status, "lastResult"), Data(status, "lastAppliedCommit"), Data(status, "lastAttemptedCommit"), Data(status, "health"), Data(status, "healthy"),
                Data(status, "lastError"), Data(status, "lastTrigger"), Data(status, "path"), Data(status, "stale")));
        var ran = DateTimeOffset.Parse(Data(status, "lastRunTime")!, CultureInfo.InvariantCulture);
        Assert.InRange(ran, before, DateTimeOffset.UtcNow);
        Assert.Equal(Data(status, "lastRunTime"), Data(status, "lastAppliedTime"));
        var applied = Assert.Single(await EventsAsync(cluster));
        Assert.Equal(("Normal", "Applied", $"applied {sha[..12]} (reconcile --once): 2 created, 0 configured, 0 unchanged; health 2 current", 1), applied);
    }

    [Fact]
    public async Task A_failed_run_records_the_error_and_keeps_the_last_applied_commit_and_time_and_emits_a_warning_event()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var good = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var appliedTime = Data(await StatusAsync(cluster), "lastAppliedTime");
        var bad = cluster.Repo.Write("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n").Commit();

        var failed = await cluster.ReconcileAsync();

        Assert.False(failed.Succeeded);
        var status = await StatusAsync(cluster);
        Assert.Equal(("failed", bad, good, appliedTime, "false"),
            (Data(status, "lastResult"), Data(status, "lastAttemptedCommit"), Data(status, "lastAppliedCommit"), Data(status, "lastAppliedTime"), Data(status, "healthy")));
        Assert.Equal("prod/bad.yaml:1: ConfigMap has no metadata.name", Data(status, "lastError"));
        Assert.NotEqual(appliedTime, Data(status, "lastRunTime"));
        var warning = Assert.Single(await EventsAsync(cluster), e => e.Reason == "ReconcileFailed");
        Assert.Equal(("Warning", $"{bad[..12]}: prod/bad.yaml:1: ConfigMap has no metadata.name"), (warning.Type, warning.Message));
    }

    [Fact]
    public async Task A_no_op_run_writes_only_the_status_config_map_once_and_emits_no_event()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var firstRun = Data(await StatusAsync(cluster), "lastRunTime");
        var events = await EventsAsync(cluster);
        var clusterVersion = await ClusterResourceVersionAsync(cluster);

        var noop = await cluster.ReconcileAsync();

        Assert.True(noop.Succeeded, string.Join("\n", noop.Errors));
        Assert.Empty(noop.Warnings);
        var configMap = (await cluster.GetAsync(StatusPath))!;
        // One write in the whole cluster (resourceVersion is one global counter): the status ConfigMap.
        Assert.Equal(clusterVersion + 1, long.Parse(configMap["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(clusterVersion + 1, await ClusterResourceVersionAsync(cluster));
        var status = configMap["data"]!.AsObject();
        Assert.Equal(("applied", sha, "1 current"), (Data(status, "lastResult"), Data(status, "lastAppliedCommit"), Data(status, "health")));
        Assert.NotEqual(firstRun, Data(status, "lastRunTime"));
        Assert.Equal(events, await EventsAsync(cluster));
    }

    [Fact]
    public async Task A_status_config_map_that_cannot_be_read_is_left_as_it_was_with_a_warning()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var before = await StatusAsync(cluster);
        cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        // Without its current history the run cannot append to it, and patching the rest would leave them disagreeing.
        cluster.Server.Faults.FailNext(100, "GET", "/configmaps/gitops-prod-status", 403);

        var result = await cluster.ReconcileAsync();

        cluster.Server.Faults.Clear();
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("could not record the outcome in ConfigMap gitops-system/gitops-prod-status: ", warning, StringComparison.Ordinal);
        Assert.Contains("403", warning, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await StatusAsync(cluster)).ToJsonString());
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/b"));
    }

    [Fact]
    public async Task A_run_keeps_what_an_agent_recorded_and_an_applied_commit_clears_an_earlier_refusal()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var agentEntry = new GitOps.Reconciler.Agent.ReconcileRecord("0123456789abcdef0123456789abcdef01234567", DateTimeOffset.UtcNow.AddMinutes(-5), "webhook", "refused", "signature refused: unsigned");
        await cluster.CreateAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"gitops-system"}}""");
        var agentStatus = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "gitops-prod-status" },
            ["data"] = new JsonObject
            {
                ["cluster"] = "prod-eu", ["driftCorrections"] = "3", ["history"] = StatusConfigMap.Json([agentEntry]),
                ["refusedCommit"] = agentEntry.Commit, ["lastResult"] = "refused",
            },
        };
        await cluster.CreateAsync("/api/v1/namespaces/gitops-system/configmaps", agentStatus.ToJsonString());
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();

        Assert.True((await cluster.ReconcileAsync()).Succeeded);

        var status = await StatusAsync(cluster);
        Assert.Equal(("prod-eu", "3", "applied", sha), (Data(status, "cluster"), Data(status, "driftCorrections"), Data(status, "lastResult"), Data(status, "lastAppliedCommit")));
        Assert.Equal([agentEntry.Commit, sha], (await StatusConfigMap.HistoryAsync(cluster)).Select(h => h.Commit));
        Assert.False(status.ContainsKey("refusedCommit"));
    }

    [Fact]
    public async Task The_cluster_name_given_is_recorded_without_one_the_recorded_name_stays_and_default_when_there_is_none()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();

        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var unnamed = Data(await StatusAsync(cluster), "cluster");
        Assert.True((await cluster.ReconcileAsync(clusterName: "eu-1")).Succeeded);
        var named = Data(await StatusAsync(cluster), "cluster");
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var kept = Data(await StatusAsync(cluster), "cluster");

        Assert.Equal((ReconcileOptions.DefaultClusterName, "eu-1", "eu-1"), (unnamed, named, kept));
    }

    [Fact]
    public async Task A_fetch_failure_is_recorded_as_stale_with_a_source_unavailable_event()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var missing = Path.Combine(cluster.Repo.RootPath, "gone.git");

        var failed = await cluster.ReconcileAsync(url: missing);

        var error = Assert.Single(failed.Errors);
        var status = await StatusAsync(cluster);
        Assert.Equal(("fetch-failed", "true", error, sha, sha), (Data(status, "lastResult"), Data(status, "stale"), Data(status, "lastError"), Data(status, "lastAppliedCommit"), Data(status, "lastAttemptedCommit")));
        Assert.Contains(await EventsAsync(cluster), e => e is { Type: "Warning", Reason: "SourceUnavailable" } && e.Message == error);
    }

    [Fact]
    public async Task A_dry_run_records_nothing()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();

        Assert.True((await cluster.ReconcileAsync(dryRun: true)).Succeeded);

        Assert.Null(await cluster.GetAsync(StatusPath));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/gitops-system"));
    }

    [Fact]
    public async Task A_status_config_map_that_cannot_be_written_is_a_warning_not_a_failure()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        cluster.Server.Faults.FailNext(100, "PATCH", "/configmaps/gitops-prod-status", 403);

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("could not record the outcome in ConfigMap gitops-system/gitops-prod-status: ", warning, StringComparison.Ordinal);
        Assert.Contains("403", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_into_an_api_server_that_does_not_answer_gives_up_after_five_seconds_with_a_warning()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        cluster.Server.Faults.DelayNext(100, "PATCH", "/configmaps/gitops-prod-status", TimeSpan.FromSeconds(30));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        // Only the 5 s bound gives this message; the retries alone (3 s per attempt here) would take about 18 s.
        Assert.Equal("could not record the outcome in ConfigMap gitops-system/gitops-prod-status: no answer within 5s", Assert.Single(result.Warnings));
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }

    private static async Task<long> ClusterResourceVersionAsync(SandboxCluster cluster) =>
        long.Parse((await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps"))!["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
