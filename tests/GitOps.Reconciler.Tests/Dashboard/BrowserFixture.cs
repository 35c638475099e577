using GitOps.Reconciler.Tests.Support;
using Microsoft.Playwright;

namespace GitOps.Reconciler.Tests.Dashboard;

/// <summary>
/// One headless Debian Chromium for all browser tests (started once, a fresh profile), driven by Playwright's .NET
/// driver. Playwright's own browser download is not used: CI installs the distribution's chromium (see .ci/run).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDirectory profile = new();
    private IPlaywright? playwright;
    private IBrowserContext? browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (`apt-get install -y chromium`; .ci/run does this)");
        }

        // Conditions are awaited, never slept on; a loaded CI machine gets generous timeouts.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
    }

    /// <summary>A new tab; each test's agent listens on its own port, so tabs share no origin state.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await browser!.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    public IBrowserContext Browser => browser!;

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        profile.Dispose();
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
