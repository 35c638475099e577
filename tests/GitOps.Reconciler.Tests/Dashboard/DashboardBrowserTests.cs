using GitOps.Reconciler.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GitOps.Reconciler.Tests.Dashboard;

/// <summary>The dashboard in a real browser (headless Chromium through Playwright), against an agent reconciling into the sandbox.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Overview_lists_the_environment_with_its_rendered_and_source_commit()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(scenario.Url.ToString());

        var card = page.Locator("[data-testid=environment][data-env=gitops-prod]");
        await Expect(card.Locator("[data-testid=sync-state]")).ToHaveTextAsync("in sync");
        await Expect(card.Locator("[data-testid=rendered]")).ToContainTextAsync(scenario.RenderedCommit[..12]);
        await Expect(card.Locator("[data-testid=source]")).ToContainTextAsync($"{scenario.SourceCommit[..12]} Scale front-end to 3 by Alice Author");
        await Expect(card).ToContainTextAsync("test-cluster");
        await Expect(card).ToContainTextAsync("(startup)");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_rollouts_progress_changes_on_screen_without_a_reload()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await scenario.SetRolloutAsync(updated: 1, ready: 0, available: 0);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/objects");
        var rollout = page.Locator("[data-object='Deployment/front-end'] [data-testid=rollout]");
        await Expect(rollout).ToHaveTextAsync("1 updated · 0 ready · 0/3 available");
        await page.EvaluateAsync("window.__sameDocument = true");

        await scenario.SetRolloutAsync(updated: 3, ready: 2, available: 2);
        await Expect(rollout).ToHaveTextAsync("3 updated · 2 ready · 2/3 available");
        await Expect(page.Locator("[data-object='Deployment/front-end'] progress")).ToHaveAttributeAsync("value", "2");
        await scenario.SetRolloutAsync(updated: 3, ready: 3, available: 3);
        await Expect(rollout).ToHaveTextAsync("3 updated · 3 ready · 3/3 available");

        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_injected_drift_appears_with_the_manager_that_made_it()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await scenario.EditReplicasAsync(7);
        await AgentHarness.CycleAsync(scenario.Agent, s => s.LastResult == "drift-corrected");
        var page = await browser.NewPageAsync();

        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/drift");

        var row = page.Locator("[data-testid=drift-row]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Deployment shop/front-end");
        await Expect(row).ToContainTextAsync("spec.replicas");
        await Expect(row.Locator("[data-testid=manager]")).ToHaveTextAsync("kubectl-edit");
        await Expect(row).ToContainTextAsync("corrected");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_drifted_object_shows_desired_and_live_yaml_and_the_field_diff()
    {
        await using var scenario = await DashboardScenario.StartAsync(selfHeal: false);
        await scenario.EditReplicasAsync(7);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/objects");

        await page.Locator("[data-object='Deployment/front-end']").ClickAsync();

        var detail = page.Locator("[data-testid=object-detail]");
        await Expect(detail.Locator("[data-testid=field-diff]")).ToContainTextAsync("spec.replicas");
        await Expect(detail.Locator("[data-testid=field-diff]")).ToContainTextAsync("kubectl-edit");
        await Expect(detail.Locator("[data-testid=desired-yaml]")).ToContainTextAsync("replicas: 3");
        await Expect(detail.Locator("[data-testid=live-yaml]")).ToContainTextAsync("replicas: 7");
        await Expect(page.Locator("[data-object='Deployment/front-end']")).ToContainTextAsync("out of sync");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_failing_reconcile_shows_its_error_naming_the_object_on_the_overview()
    {
        await using var scenario = await DashboardScenario.StartAsync(image: "nginx:broken", timeout: TimeSpan.FromSeconds(1), until: s => s.LastResult == "failed");
        var page = await browser.NewPageAsync();

        await page.GotoAsync(scenario.Url.ToString());

        var card = page.Locator("[data-testid=environment][data-env=gitops-prod]");
        await Expect(card.Locator("[data-testid=sync-state]")).ToHaveTextAsync("failed");
        await Expect(card.Locator("[data-testid=last-error]")).ToContainTextAsync("Deployment shop/front-end");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Secret_data_is_masked_in_the_yaml_views()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(scenario.Url + "#/env/gitops-prod/objects");

        await page.Locator("[data-object='Secret/db-credentials']").ClickAsync();

        var detail = page.Locator("[data-testid=object-detail]");
        await Expect(detail.Locator("[data-testid=desired-yaml]")).ToContainTextAsync("password: '******'");
        await Expect(detail.Locator("[data-testid=live-yaml]")).ToContainTextAsync("password: '******'");
        Assert.DoesNotContain(DashboardScenario.SecretValue, await page.ContentAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Actions_are_refused_without_the_token_and_work_with_it()
    {
        await using var scenario = await DashboardScenario.StartAsync(actions: true);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(scenario.Url.ToString());
        var card = page.Locator("[data-testid=environment][data-env=gitops-prod]");

        await card.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(card.Locator("[data-testid=action-result]")).ToContainTextAsync("refused (401)");
        await Expect(card.Locator("[data-testid=sync-state]")).ToHaveTextAsync("in sync");

        await page.Locator("#token").FillAsync(DashboardScenario.Token);
        await card.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(card.Locator("[data-testid=action-result]")).ToHaveTextAsync("suspended");
        await Expect(card.Locator("[data-testid=sync-state]")).ToHaveTextAsync("suspended");

        await card.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(card.Locator("[data-testid=sync-state]")).ToHaveTextAsync("in sync");
        await page.CloseAsync();
    }

    [Fact]
    public async Task At_phone_width_in_the_dark_theme_the_views_fit_without_horizontal_scrolling()
    {
        await using var scenario = await DashboardScenario.StartAsync();
        await scenario.EditReplicasAsync(7);
        await AgentHarness.CycleAsync(scenario.Agent, s => s.LastResult == "drift-corrected");
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        await page.SetViewportSizeAsync(390, 844);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        foreach (var (view, ready) in new[] { ("", "[data-testid=environment]"), ("#/env/gitops-prod/objects", "[data-testid=rollout]"), ("#/env/gitops-prod/drift", "[data-testid=drift-row]"), ("#/env/gitops-prod/history", "[data-testid=history-row]") })
        {
            await page.GotoAsync(scenario.Url + view);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{view} scrolls sideways at 390 px");
            Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('.table-wrap')].every(t => t.scrollWidth <= t.clientWidth + 1)"), $"a table of {view} scrolls sideways at 390 px");
        }

        // The dark palette is in use: a dark page background.
        Assert.Equal("rgb(17, 21, 28)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));

        // No script errors and nothing the Content-Security-Policy blocked.
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
