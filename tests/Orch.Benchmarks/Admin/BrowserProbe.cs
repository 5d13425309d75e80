using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// A signed-in user's page in Debian's Chromium (headless, driven by Playwright; no browser download), open
/// on a live circuit. It times a UI action's round trip — the header's dark-mode toggle, whose click the
/// server handles and answers with a render of the toggle — and records every change the server makes to
/// the page's content (<c>&lt;main&gt;</c>), which only the live feed causes: the toggle lies outside it.
/// </summary>
internal sealed class BrowserProbe : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan RoundTripLimit = TimeSpan.FromSeconds(30);

    // Times in the page's own clock: from the click to the server's render of the toggle's new state (its
    // aria-pressed, class and icon change together, in one batch; nothing in the browser changes them before).
    private const string ClickToggle = """
        limitMs => new Promise((resolve, reject) => {
            const toggle = document.querySelector('[data-testid=theme-toggle]');
            const before = toggle.getAttribute('aria-pressed');
            let started;
            const observer = new MutationObserver(() => {
                if (toggle.getAttribute('aria-pressed') !== before) {
                    observer.disconnect();
                    clearTimeout(timer);
                    resolve(performance.now() - started);
                }
            });
            const timer = setTimeout(() => { observer.disconnect(); reject(new Error('the toggle did not change within ' + limitMs + ' ms')); }, limitMs);
            observer.observe(toggle, { subtree: true, childList: true, attributes: true, characterData: true });
            started = performance.now();
            toggle.click();
        })
        """;

    private const string WatchMain = """
        () => {
            window.orchBenchUpdates = [];
            new MutationObserver(() => window.orchBenchUpdates.push(performance.now()))
                .observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    // The page's clock now, then the times of the changes taken.
    private const string TakeUpdates = "() => { const taken = window.orchBenchUpdates; window.orchBenchUpdates = []; return [performance.now(), ...taken]; }";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IPage page;
    private readonly List<string> errors = [];
    private readonly Lock gate = new();

    private BrowserProbe(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    /// <summary>From asking for the page to its circuit being live (the layout says so).</summary>
    public TimeSpan OpenedIn { get; private set; }

    /// <summary>Console errors and uncaught script errors so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (gate)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> with the cookies of a signed-in client, and waits until the page is live.</summary>
    public static async Task<BrowserProbe> OpenAsync(Uri baseAddress, CookieContainer cookies, string path)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install Debian's 'chromium' package.");
        }

        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
            var context = await browser.NewContextAsync(new()
            {
                BaseURL = baseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            });
            context.SetDefaultTimeout(60_000);
            var origin = baseAddress.GetLeftPart(UriPartial.Authority);
            await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = origin }));
            var probe = new BrowserProbe(playwright, browser, await context.NewPageAsync());
            var started = Stopwatch.GetTimestamp();
            await probe.page.GotoAsync(path.TrimStart('/'));
            await probe.page.WaitForFunctionAsync("() => document.querySelector('[data-testid=render-mode]')?.textContent.trim() === 'live'");
            probe.OpenedIn = Stopwatch.GetElapsedTime(started);
            await probe.page.EvaluateAsync(WatchMain);
            return probe;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Clicks the dark-mode toggle and waits for the server's answer to change it; returns the round trip in ms.</summary>
    public Task<double> RoundTripAsync() => page.EvaluateAsync<double>(ClickToggle, RoundTripLimit.TotalMilliseconds);

    /// <summary>The server's changes to the page's content since the last call: bursts (changes less than 100 ms apart are one), and how long ago the first began.</summary>
    public async Task<PageUpdates> TakeUpdatesAsync()
    {
        var taken = await page.EvaluateAsync<double[]>(TakeUpdates);
        var bursts = new List<double>();
        var last = double.NegativeInfinity;
        foreach (var time in taken.Skip(1))
        {
            if (time - last > 100)
            {
                bursts.Add(time);
            }

            last = time;
        }

        return new PageUpdates(bursts.Count, bursts.Count == 0 ? null : taken[0] - bursts[0]);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private void Record(string error)
    {
        lock (gate)
        {
            errors.Add(error);
        }
    }
}
