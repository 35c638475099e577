using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Dashboard;
using GitOps.Reconciler.Tests.Support;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Dashboard;

/// <summary>The dashboard's JSON API over real HTTP, against an agent reconciling into the sandbox.</summary>
public sealed class DashboardApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Environment_shows_the_applied_rendered_commit_its_source_commit_with_subject_and_author_and_counts()
    {
        await using var scenario = await DashboardScenario.StartAsync();

        var environment = Assert.Single((await scenario.GetJsonAsync("/api/environments")).AsArray())!;

        Assert.Equal("gitops-prod", (string?)environment["inventory"]);
        Assert.Equal(("test-cluster", "prod"), ((string?)environment["cluster"], (string?)environment["path"]));
        Assert.Equal("in sync", (string?)environment["syncState"]);
        Assert.Equal(scenario.RenderedCommit, (string?)environment["rendered"]!["sha"]);
        Assert.Equal(scenario.SourceCommit, (string?)environment["source"]!["sha"]);
        Assert.Equal("Scale front-end to 3", (string?)environment["source"]!["subject"]);
        Assert.StartsWith("Alice Author", (string?)environment["source"]!["author"], StringComparison.Ordinal);
        Assert.Equal("startup", (string?)environment["lastTrigger"]);
        Assert.Equal(4, (int?)environment["syncCounts"]!["in sync"]);
        Assert.Equal(4, (int?)environment["healthCounts"]!["healthy"]);
        Assert.NotNull((string?)environment["lastRunAt"]);
    }

    [Fact]
    public async Task Object_tree_groups_objects_by_app_with_health_sync_and_rollout_counts()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await scenario.SetRolloutAsync(updated: 2, ready: 1, available: 1);

        var apps = (await scenario.GetJsonAsync("/api/environments/gitops-prod/apps")).AsArray();

        var shop = Assert.Single(apps)!;
        Assert.Equal("shop", (string?)shop["name"]);
        var objects = shop["objects"]!.AsArray().Select(o => $"{o!["kind"]} {o["namespace"]}/{o["name"]}").ToList();
        Assert.Equal(["Deployment shop/front-end", "Namespace /shop", "Secret shop/db-credentials", "Service shop/front-end"], objects);
        var deployment = shop["objects"]!.AsArray().Single(o => (string?)o!["kind"] == "Deployment")!;
        Assert.Equal("in sync", (string?)deployment["sync"]);
        Assert.Equal("progressing", (string?)deployment["health"]);
        Assert.Equal((3, 2, 1, 1), ((int)deployment["rollout"]!["desired"]!, (int)deployment["rollout"]!["updated"]!, (int)deployment["rollout"]!["ready"]!, (int)deployment["rollout"]!["available"]!));
    }

    [Fact]
    public async Task Secret_values_are_masked_in_desired_and_live_yaml_and_never_sent()
    {
        await using var scenario = await DashboardScenario.StartAsync();

        // GetJsonAsync fails the test if the value appears anywhere in a response.
        var detail = await scenario.GetJsonAsync("/api/environments/gitops-prod/object?kind=Secret&namespace=shop&name=db-credentials");
        await scenario.GetJsonAsync("/api/environments/gitops-prod/apps");
        await scenario.GetJsonAsync("/api/environments/gitops-prod/commits/" + scenario.RenderedCommit);

        Assert.Contains("password: '******'", (string?)detail["desiredYaml"], StringComparison.Ordinal);
        Assert.Contains("password: '******'", (string?)detail["liveYaml"], StringComparison.Ordinal);
        var live = await scenario.Harness.Client.CoreV1.ReadNamespacedSecretAsync("db-credentials", "shop", cancellationToken: Cancel);
        // The value is really in the cluster (the sandbox keeps stringData as written); only the dashboard hides it.
        Assert.Equal(DashboardScenario.SecretValue, live.StringData?["password"] ?? System.Text.Encoding.UTF8.GetString(live.Data["password"]));
    }

    [Fact]
    public async Task Object_detail_shows_drift_as_field_diff_naming_the_manager_when_self_heal_is_off()
    {
        await using var scenario = await DashboardScenario.StartAsync(selfHeal: false);
        await scenario.EditReplicasAsync(7);

        var detail = await scenario.GetJsonAsync("/api/environments/gitops-prod/object?group=apps&kind=Deployment&namespace=shop&name=front-end");

        Assert.Equal("out of sync", (string?)detail["object"]!["sync"]);
        var field = Assert.Single(detail["diff"]!.AsArray())!;
        Assert.Equal(("spec.replicas", "7", "3", "kubectl-edit"), ((string?)field["path"], (string?)field["liveValue"], (string?)field["desiredValue"], (string?)field["manager"]));
        Assert.Contains("replicas: 3", (string?)detail["desiredYaml"], StringComparison.Ordinal);
        Assert.Contains("replicas: 7", (string?)detail["liveYaml"], StringComparison.Ordinal);
        Assert.Equal("out of sync", (string?)(await scenario.GetJsonAsync("/api/environments/gitops-prod"))["syncState"]);
    }

    [Fact]
    public async Task Drift_lists_each_correction_with_path_values_and_manager()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await scenario.EditReplicasAsync(7);
        await AgentHarness.CycleAsync(scenario.Agent, s => s.LastResult == "drift-corrected");

        var record = Assert.Single((await scenario.GetJsonAsync("/api/environments/gitops-prod/drift")).AsArray())!;

        Assert.True((bool)record["corrected"]!);
        Assert.Equal("front-end", (string?)record["drift"]!["ref"]!["name"]);
        var field = Assert.Single(record["drift"]!["fields"]!.AsArray())!;
        Assert.Equal(("spec.replicas", "7", "3", "kubectl-edit"), ((string?)field["path"], (string?)field["liveValue"], (string?)field["desiredValue"], (string?)field["manager"]));
    }

    [Fact]
    public async Task History_names_each_trigger_and_the_diff_of_a_rendered_commit_is_grouped_by_app()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        var (_, second) = DashboardScenario.CommitShop(scenario.Harness.Repo, "Scale front-end to 5", "nginx:1.27", replicas: 5);
        scenario.Agent.Trigger("webhook");
        await scenario.Agent.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));

        var history = (await scenario.GetJsonAsync("/api/environments/gitops-prod/history")).AsArray();
        var diff = await scenario.GetJsonAsync($"/api/environments/gitops-prod/commits/{second}");

        Assert.Equal([(second, "webhook", "applied"), (scenario.RenderedCommit, "startup", "applied")],
            history.Select(h => ((string)h!["rendered"]!["sha"]!, (string)h["trigger"]!, (string)h["result"]!)));
        Assert.Equal("Scale front-end to 5", (string?)history[0]!["source"]!["subject"]);
        Assert.Equal(scenario.RenderedCommit, (string?)diff["parent"]);
        var app = Assert.Single(diff["apps"]!.AsArray())!;
        Assert.Equal("shop", (string?)app["app"]);
        var file = Assert.Single(app["files"]!.AsArray())!;
        Assert.Equal("prod/shop/deployment.yaml", (string?)file["path"]);
        Assert.Contains("-  replicas: 3\n+  replicas: 5", (string?)file["patch"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_reconcile_shows_failed_with_an_error_naming_the_object()
    {
        await using var scenario = await DashboardScenario.StartAsync(image: "nginx:broken", timeout: TimeSpan.FromSeconds(1), until: s => s.LastResult == "failed");

        var environment = Assert.Single((await scenario.GetJsonAsync("/api/environments")).AsArray())!;

        Assert.Equal("failed", (string?)environment["syncState"]);
        Assert.Contains("Deployment shop/front-end", (string?)environment["lastError"], StringComparison.Ordinal);
        Assert.Equal("failed", (string?)(await scenario.GetJsonAsync("/api/environments/gitops-prod/history"))[0]!["result"]);
    }

    [Fact]
    public async Task Actions_are_forbidden_when_not_enabled()
    {
        await using var scenario = await DashboardScenario.StartAsync();

        using var response = await scenario.ActAsync("suspend", DashboardScenario.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((bool)(await scenario.GetJsonAsync("/api/environments/gitops-prod"))["suspended"]!);
    }

    [Fact]
    public async Task Actions_need_the_bearer_token_and_are_recorded_as_events()
    {
        await using var scenario = await DashboardScenario.StartAsync(actions: true);

        using var missing = await scenario.ActAsync("suspend", null);
        using var wrong = await scenario.ActAsync("suspend", "not-the-token");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        Assert.False((bool)(await scenario.GetJsonAsync("/api/environments/gitops-prod"))["suspended"]!);

        using var suspend = await scenario.ActAsync("suspend", DashboardScenario.Token);
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        await scenario.Agent.WaitForAsync(s => s.Suspended, TimeSpan.FromSeconds(30));
        Assert.Equal("suspended", (string?)(await scenario.GetJsonAsync("/api/environments/gitops-prod"))["syncState"]);

        using var resume = await scenario.ActAsync("resume", DashboardScenario.Token);
        using var sync = await scenario.ActAsync("sync", DashboardScenario.Token);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (resume.StatusCode, sync.StatusCode));
        await scenario.Agent.WaitForAsync(s => !s.Suspended && s.LastTrigger == "manual", TimeSpan.FromSeconds(30));
        var events = await scenario.Harness.Client.CoreV1.ListNamespacedEventAsync("gitops-system", cancellationToken: Cancel);
        Assert.Equal(["Resumed", "Suspended", "SyncRequested"], events.Items.Where(e => e.ReportingInstance == "gitops-dashboard").Select(e => e.Reason).Order());
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_from_the_assembly_with_a_same_origin_policy()
    {
        await using var scenario = await DashboardScenario.StartAsync();

        using var page = await scenario.Http.GetAsync("/", Cancel);
        var script = await scenario.Http.GetStringAsync("/assets/app.js", Cancel);
        using var unknown = await scenario.Http.GetAsync("/assets/secrets.txt", Cancel);

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/assets/app.js", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/api/environments", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Gitops_ui_server_lists_every_agent_in_the_namespace_from_the_cluster()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await using var ui = await DashboardServer.StartAsync(
            new DashboardServerOptions { Listen = "127.0.0.1:0", RepositoryUrl = scenario.Harness.Repo.BarePath, CacheDirectory = Path.Combine(scenario.Harness.Repo.RootPath, "ui-cache") },
            scenario.Harness.Sandbox.ClusterConfiguration(), NullLogger.Instance, Cancel);
        using var http = new HttpClient { BaseAddress = ui.Url };

        var environments = JsonNode.Parse(await http.GetStringAsync("/api/environments", Cancel))!.AsArray();
        using var sync = await http.PostAsync("/api/environments/gitops-prod/actions/sync", null, Cancel);

        var environment = Assert.Single(environments)!;
        Assert.Equal((scenario.RenderedCommit, "Scale front-end to 3"), ((string?)environment["rendered"]!["sha"], (string?)environment["source"]!["subject"]));
        Assert.Equal(HttpStatusCode.Forbidden, sync.StatusCode);
    }

    [Fact]
    public async Task An_apply_waiting_for_health_shows_applying_before_it_ends()
    {
        await using var scenario = await DashboardScenario.StartAsync(image: "nginx:broken", timeout: TimeSpan.FromSeconds(20), until: _ => true);

        var state = await EventuallyAsync(async () => (string?)(await scenario.GetJsonAsync("/api/environments/gitops-prod"))?["syncState"], s => s == "applying");

        Assert.Equal("applying", state);
    }

    [Fact]
    public async Task History_and_drift_records_survive_an_agent_restart()
    {
        var scenario = await DashboardScenario.StartAsync();
        await using var _ = scenario;
        await scenario.EditReplicasAsync(7);
        await AgentHarness.CycleAsync(scenario.Agent, s => s.LastResult == "drift-corrected");
        await scenario.Harness.StopAgentAsync(scenario.Agent);

        var restarted = await scenario.Harness.StartAgentAsync();
        var status = await AgentHarness.CycleAsync(restarted);

        Assert.Equal([(scenario.RenderedCommit, "startup", "applied")], status.History.Select(h => (h.Commit, h.Trigger, h.Result)));
        Assert.Equal("kubectl-edit", Assert.Single(Assert.Single(status.DriftLog).Drift.Fields).Manager);
    }

    /// <summary>Polls until the value meets the condition (a state in the cluster that no event announces), at most 15 s.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50, Cancel);
        }
    }

    [Fact]
    public async Task Sync_now_from_gitops_ui_reaches_the_agent_through_its_inventory_and_is_recorded_as_manual()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await using var ui = await DashboardServer.StartAsync(
            new DashboardServerOptions { Listen = "127.0.0.1:0", Dashboard = new DashboardOptions { ActionsEnabled = true, ActionToken = DashboardScenario.Token } },
            scenario.Harness.Sandbox.ClusterConfiguration(), NullLogger.Instance, Cancel);
        using var http = new HttpClient { BaseAddress = ui.Url };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DashboardScenario.Token);
        var before = scenario.Agent.Status.Cycles;

        using var sync = await http.PostAsync("/api/environments/gitops-prod/actions/sync", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        var status = await scenario.Agent.WaitForAsync(s => s.Cycles > before && s.LastTrigger == "manual", TimeSpan.FromSeconds(30));
        Assert.Equal("in-sync", status.LastResult);
        Assert.Equal("manual", (string?)JsonNode.Parse(await http.GetStringAsync("/api/environments/gitops-prod", Cancel))!["lastTrigger"]);
    }

    [Fact]
    public async Task Gitops_ui_logs_each_action_and_its_refusals_without_the_token()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        var log = new ListLogger();
        await using var ui = await DashboardServer.StartAsync(
            new DashboardServerOptions { Listen = "127.0.0.1:0", Dashboard = new DashboardOptions { ActionsEnabled = true, ActionToken = DashboardScenario.Token } },
            scenario.Harness.Sandbox.ClusterConfiguration(), log, Cancel);
        using var http = new HttpClient { BaseAddress = ui.Url };

        using var refused = await http.PostAsync("/api/environments/gitops-prod/actions/suspend", null, Cancel);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DashboardScenario.Token);
        using var suspended = await http.PostAsync("/api/environments/gitops-prod/actions/suspend", null, Cancel);
        using var sync = await http.PostAsync("/api/environments/gitops-prod/actions/sync", null, Cancel);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK), (refused.StatusCode, suspended.StatusCode, sync.StatusCode));
        Assert.Contains("Dashboard action suspend on gitops-prod refused (401) for 127.0.0.1", log.Messages);
        Assert.Contains("Dashboard action suspend on gitops-prod by 127.0.0.1", log.Messages);
        Assert.DoesNotContain(log.Messages, m => m.Contains(DashboardScenario.Token, StringComparison.Ordinal));
        var inventory = await scenario.Harness.Client.CoreV1.ReadNamespacedConfigMapAsync("gitops-prod", "gitops-system", cancellationToken: Cancel);
        Assert.Equal("true", inventory.Metadata.Annotations["gitops.io/suspended"]);
    }

    [Fact]
    public async Task Without_the_repository_gitops_ui_shows_live_objects_with_sync_unknown_and_masked_secrets()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await using var ui = await DashboardServer.StartAsync(
            new DashboardServerOptions { Listen = "127.0.0.1:0" }, scenario.Harness.Sandbox.ClusterConfiguration(), NullLogger.Instance, Cancel);
        using var http = new HttpClient { BaseAddress = ui.Url };

        var apps = await http.GetStringAsync("/api/environments/gitops-prod/apps", Cancel);
        var secret = await http.GetStringAsync("/api/environments/gitops-prod/object?kind=Secret&namespace=shop&name=db-credentials", Cancel);

        Assert.DoesNotContain(DashboardScenario.SecretValue, apps + secret, StringComparison.Ordinal);
        var objects = JsonNode.Parse(apps)!.AsArray().SelectMany(a => a!["objects"]!.AsArray()).ToList();
        Assert.Equal(4, objects.Count);
        Assert.All(objects, o => Assert.Equal(("unknown", "healthy"), ((string?)o!["sync"], (string?)o["health"])));
        var detail = JsonNode.Parse(secret)!;
        Assert.Null((string?)detail["desiredYaml"]);
        Assert.Contains("password: '******'", (string?)detail["liveYaml"], StringComparison.Ordinal);
        Assert.Contains("--repo", (string?)detail["note"], StringComparison.Ordinal);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> messages = new();

        public IReadOnlyList<string> Messages => [.. messages];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
