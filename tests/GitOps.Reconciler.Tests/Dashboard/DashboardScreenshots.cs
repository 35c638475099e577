using GitOps.Reconciler.Dashboard;
using GitOps.Reconciler.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GitOps.Reconciler.Tests.Dashboard;

/// <summary>
/// Not a check: writes the README's screenshots of the main views from a real sandbox run. Opt-in with
/// <c>GITOPS_SCREENSHOTS=docs/dashboard dotnet test tests/GitOps.Reconciler.Tests --filter DashboardScreenshots</c>
/// (the directory is relative to the repository root); skipped otherwise.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class DashboardScreenshots(BrowserFixture browser)
{
    [Fact]
    public async Task Write_screenshots_of_the_main_views()
    {
        var target = Environment.GetEnvironmentVariable("GITOPS_SCREENSHOTS");
        if (string.IsNullOrEmpty(target))
        {
            Assert.Skip("set GITOPS_SCREENSHOTS=DIR to write the dashboard screenshots");
        }

        var directory = Path.IsPathRooted(target) ? target : Path.Combine(RepositoryRoot(), target);
        Directory.CreateDirectory(directory);
        await using var scenario = await DashboardScenario.StartAsync();
        var harness = scenario.Harness;

        // A second app, a second commit (by webhook) and a drift that was corrected.
        harness.Repo.Write("prod/catalogue/deployment.yaml", TestManifests.Deployment("shop", "catalogue", 2, "ghcr.io/acme/catalogue:2.4.1"))
            .Write("prod/catalogue/configmap.yaml", TestManifests.ConfigMap("shop", "catalogue-config", "page-size=24"));
        var (_, second) = DashboardScenario.CommitShop(harness.Repo, "Catalogue 2.4.1 and front-end at 4 replicas", "nginx:1.27", replicas: 4);
        scenario.Agent.Trigger("webhook");
        await scenario.Agent.WaitForAsync(s => s.LastAppliedCommit == second, TimeSpan.FromSeconds(30));
        await scenario.EditReplicasAsync(9);
        await harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"ghcr.io/acme/catalogue:2.4.1-hotfix"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "catalogue", "shop", fieldManager: "kubectl-set", cancellationToken: TestContext.Current.CancellationToken);
        await AgentHarness.CycleAsync(scenario.Agent, s => s.LastResult == "drift-corrected");

        // A staging agent whose rollout never becomes ready, so `gitops ui` shows a failure next to prod.
        harness.Repo.Write("staging/shop/namespace.yaml", TestManifests.Namespace("shop-staging"))
            .Write("staging/shop/deployment.yaml", TestManifests.Deployment("shop-staging", "front-end", 2, "nginx:broken"));
        harness.Repo.Commit("Render staging\n\nSource-Commit: " + scenario.SourceCommit);
        var staging = new ReconcileOptions
        {
            RepositoryUrl = harness.Repo.BarePath, Branch = harness.Repo.Branch, Path = "staging", CacheDirectory = Path.Combine(harness.Repo.RootPath, "staging-cache"),
            Timeout = TimeSpan.FromSeconds(1), HealthPollInterval = TimeSpan.FromMilliseconds(20), Retry = SandboxCluster.TestRetry,
        };
        var stagingAgent = await harness.StartAgentAsync(_ => AgentHarness.Options(staging) with { ClusterName = "eu-staging" });
        await stagingAgent.WaitForAsync(s => s.LastResult == "failed", TimeSpan.FromSeconds(30));

        // Drift left in place for the object diff, and a rollout under way.
        await scenario.EditReplicasAsync(6);
        await scenario.SetRolloutAsync(updated: 2, ready: 1, available: 1, name: "catalogue", replicas: 2);

        await using var ui = await DashboardServer.StartAsync(
            new DashboardServerOptions { Listen = "127.0.0.1:0", RepositoryUrl = harness.Repo.BarePath, CacheDirectory = Path.Combine(harness.Repo.RootPath, "ui-cache") },
            harness.Sandbox.ClusterConfiguration(), NullLogger.Instance, TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);

        await page.GotoAsync(ui.Url.ToString());
        await Expect(page.Locator("[data-testid=environment]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-env=gitops-staging] [data-testid=last-error]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "overview.png"), FullPage = true });

        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/objects?object=" + Uri.EscapeDataString("apps,Deployment,shop,front-end"));
        await Expect(page.Locator("[data-testid=field-diff]")).ToContainTextAsync("kubectl-edit");
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "objects.png"), FullPage = true });

        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/drift");
        await Expect(page.Locator("[data-testid=drift-row]")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "drift.png") });

        await page.GotoAsync(scenario.Url + $"#/env/gitops-prod/history/{second}");
        await Expect(page.Locator("[data-testid=commit-diff]")).ToContainTextAsync("catalogue");
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "history.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync(ui.Url.ToString());
        await Expect(page.Locator("[data-testid=environment]")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "overview-phone-dark.png") });
        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/objects");
        await Expect(page.Locator("[data-testid=rollout]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "objects-phone-dark.png") });
        await page.CloseAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GitOpsDsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GitOpsDsl.sln not found above the test assembly");
    }
}
