using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// A signed-in user's page in Debian's Chromium (headless, driven by Playwright; no browser download), open
/// on a live circuit. It times UI actions' round trips — the run view's timeline pager, and the header's
/// dark-mode toggle (which restyles the whole page) — each click handled by the server and answered with a
/// render, and records every change the server makes to the page's content (<c>&lt;main&gt;</c>) outside
/// the timeline, which only the live feed causes: the toggle lies outside it, and the pager's pages are the
/// timeline's own.
/// </summary>
internal sealed class BrowserProbe : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan RoundTripLimit = TimeSpan.FromSeconds(30);

    // Times a click in the page's own clock, from the click to the next frame drawn after the server's render
    // of the answer: what the person sees. The page first finishes drawing whatever came before (a frame:
    // requestAnimationFrame, then a task after that frame's layout and paint), so that the work of the
    // previous action (a restyle of the whole page after the theme toggle) is not counted against this one.
    // The controls: the header's dark-mode toggle (its aria-pressed, class and icon change together, in one
    // batch; nothing in the browser changes them before), and the run view's own, the timeline's pager (its
    // range, "Tasks 41–80", changes; the count after "of" grows with the run, so only the range is
    // compared; forward while it can, back from the last page).
    private const string TimeClick = """
        async ([limitMs, control]) => {
            const frame = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
            const controls = {
                toggle: () => {
                    const toggle = document.querySelector('[data-testid=theme-toggle]');
                    return { scope: toggle, button: toggle, state: () => toggle.getAttribute('aria-pressed') };
                },
                timeline: () => {
                    const card = document.querySelector('[data-testid=attempt-timeline]');
                    const next = card.querySelector('[data-testid=timeline-next]');
                    const previous = card.querySelector('[data-testid=timeline-previous]');
                    const range = () => (card.querySelector('[data-testid=timeline-page]')?.textContent ?? '').split(' of ')[0].trim();
                    return { scope: card, button: next && !next.disabled ? next : previous, state: range };
                },
            };
            await frame();
            const { scope, button, state } = controls[control]();
            if (!button || button.disabled) {
                throw new Error(control + ': there is nothing to click');
            }

            const before = state();
            const started = performance.now();
            await new Promise((resolve, reject) => {
                const observer = new MutationObserver(() => {
                    if (state() !== before) {
                        observer.disconnect();
                        clearTimeout(timer);
                        resolve();
                    }
                });
                const timer = setTimeout(() => { observer.disconnect(); reject(new Error(control + ' did not change within ' + limitMs + ' ms')); }, limitMs);
                observer.observe(scope, { subtree: true, childList: true, attributes: true, characterData: true });
                button.click();
            });
            await frame();
            return performance.now() - started;
        }
        """;

    private const string WatchMain = """
        () => {
            window.orchBenchUpdates = [];
            const timeline = document.querySelector('[data-testid=attempt-timeline]');
            new MutationObserver(records => {
                if (records.some(r => !timeline || !timeline.contains(r.target))) {
                    window.orchBenchUpdates.push(performance.now());
                }
            }).observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true });
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

    /// <summary>Clicks the dark-mode toggle; returns the ms from the click until the server's answer is drawn.</summary>
    public Task<double> ThemeToggleRoundTripAsync() => page.EvaluateAsync<double>(TimeClick, new object[] { RoundTripLimit.TotalMilliseconds, "toggle" });

    /// <summary>Turns the run view's timeline to another page; returns the ms from the click until the server's render of it is drawn.</summary>
    public Task<double> TimelinePagerRoundTripAsync() => page.EvaluateAsync<double>(TimeClick, new object[] { RoundTripLimit.TotalMilliseconds, "timeline" });

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
