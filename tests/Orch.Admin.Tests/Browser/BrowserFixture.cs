using Microsoft.Playwright;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// One headless Chromium for every browser test: Debian's <c>chromium</c> package, driven by Playwright
/// (no browser download). Each test opens its own context in it, so tests share no cookies or storage.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install Debian's 'chromium' package (tests/run.sh does, as root).");
        }

        // A circuit on a busy two-core machine can take a few seconds to connect.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
