using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orch.Core.Budgets;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// The overview and usage pages in a real browser, on spend made by real runs of the engine in the dashboard's
/// own process: live updates without a reload, the CSV download against the recorded calls, who may see what,
/// a phone's width and the dark theme.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DashboardTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Overview_ShowsSpendAndThroughput_AndUpdatesLive_AsTheDashboardRunsTasks()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await browser.Page.GetByTestId("nav-overview").ClickAsync();
        await Expect(browser.Page).ToHaveURLAsync(new Uri(site.BaseAddress, "overview").ToString());
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        var page = browser.Page;
        await Expect(page.GetByTestId("spend-today-spent")).ToHaveTextAsync("$0.00");
        await Expect(page.GetByTestId("completed-last-hour")).ToHaveTextAsync("No task completed in the last hour.");
        await Expect(page.GetByTestId("exhaustion")).ToHaveTextAsync("Nothing was spent in the last 7 days; at that pace the monthly cap of $100.00 lasts the month.");
        // Lives as long as this document: a reload would lose it.
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        await using var work = await PricedWork.OnAsync(site, Ct);
        for (var run = 1; run <= 2; run++)
        {
            var project = await work.StartDiamondAsync(Ct);
            await work.WaitForEndAsync(project, Ct);
            var (_, cost) = await PricedWork.RecordedCallsAsync(work.Database, Ct);
            Assert.True(cost > 0, "the tiers are priced");

            // The page follows by itself: the spend the calls recorded, and each run's four completed tasks.
            await Expect(page.GetByTestId("spend-today-spent")).ToHaveTextAsync(PricedWork.Format(cost));
            await Expect(page.GetByTestId("spend-month-spent")).ToHaveTextAsync(PricedWork.Format(cost));
            await Expect(page.GetByTestId("completed-last-hour")).ToHaveTextAsync($"{4 * run} tasks completed in the last hour.");
            await Expect(page.GetByTestId("tasks-running")).ToHaveTextAsync("0");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the overview reloaded");
        await Expect(page.GetByTestId("savings-saved")).Not.ToHaveTextAsync("$0.00");
        await Expect(page.GetByTestId("savings-detail")).ToContainTextAsync("had every call run on large.");
        await Expect(page.GetByTestId("exhaustion")).ToContainTextAsync("the monthly cap of $100.00");
        await Expect(page.GetByTestId("spend-month-left")).ToContainTextAsync(" left");
        await Expect(page.GetByTestId("no-failures")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=throughput] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=burn-down] svg").First).ToBeVisibleAsync();
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Overview_FollowsWorkThatAnotherProcessRuns_OnTheSameDatabase()
    {
        // The dashboard runs no task here: the test's engine does, and its events never reach the dashboard's hub.
        var settings = new Dictionary<string, string?>(PricedWork.Environment()) { ["Orch__Execution__RunTasks"] = "false" };
        await using var site = await AdminSite.StartAsync(Ct, settings);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await browser.GotoAsync("overview");
        await browser.WaitUntilInteractiveAsync();
        var page = browser.Page;
        await Expect(page.GetByTestId("completed-last-hour")).ToHaveTextAsync("No task completed in the last hour.");
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        await using var work = await PricedWork.OnAsync(site, Ct, runTasks: true);
        await work.WaitForEndAsync(await work.StartDiamondAsync(Ct), Ct);
        var (_, cost) = await PricedWork.RecordedCallsAsync(work.Database, Ct);

        await Expect(page.GetByTestId("spend-today-spent")).ToHaveTextAsync(PricedWork.Format(cost));
        await Expect(page.GetByTestId("completed-last-hour")).ToHaveTextAsync("4 tasks completed in the last hour.");
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the overview reloaded");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Usage_ShowsTheBreakdowns_ToAViewer_AndItsCsvDownload_MatchesTheRecordedCalls()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        using (var admin = site.CreateClient())
        {
            await AdminSite.RegisterAsync(admin, "alice", Password, Ct);
        }

        string database;
        await using (var work = await PricedWork.OnAsync(site, Ct))
        {
            await work.WaitForEndAsync(await work.StartDiamondAsync(Ct), Ct);
            database = work.Database;
        }

        var (calls, cost) = await PricedWork.RecordedCallsAsync(database, Ct);
        await using var bob = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await bob.RegisterAsync("bob", Password);
        await Expect(bob.Page.GetByTestId("user-role")).ToHaveTextAsync("viewer");
        await bob.Page.GetByTestId("nav-usage").ClickAsync();
        var page = bob.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usage" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("usage-total")).ToContainTextAsync($"{PricedWork.Format(cost)} over {calls} model calls");
        await Expect(page.GetByTestId("usage-by-tier")).ToContainTextAsync("large");
        await Expect(page.GetByTestId("usage-by-tier")).ToContainTextAsync("small");
        await Expect(page.GetByTestId("usage-by-model")).ToContainTextAsync("offline/offline-rules");
        await Expect(page.GetByTestId("usage-by-project")).ToContainTextAsync("test ");
        await Expect(page.GetByTestId("cap-monthly")).ToContainTextAsync("of the monthly cap of $100.00");
        await Expect(page.Locator("[data-testid=spend-by-day] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=share-by-tier] svg").First).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        Assert.Equal($"orch-usage-{PricedWork.Today()}.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync(), Ct)).Where(l => l.Length > 0).ToList();
        Assert.Equal(UsageCsv.Header, lines[0]);
        Assert.Equal(calls, lines.Count - 1);
        Assert.Equal(cost, lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[^2], CultureInfo.InvariantCulture)));

        // Another period: the address and the download follow.
        await page.GetByText("7 days", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DaysInAddress());
        await Expect(page.GetByTestId("download-csv")).ToHaveAttributeAsync("href", "/usage.csv?days=7");
        await Expect(page.GetByTestId("usage-total")).ToContainTextAsync($"{PricedWork.Format(cost)} over {calls} model calls");

        // The viewer sees the overview too.
        await page.GetByTestId("nav-overview").ClickAsync();
        await Expect(page.GetByTestId("spend-month-spent")).ToHaveTextAsync(PricedWork.Format(cost));
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task UsageCsv_RefusesAnonymousCallers_AndSaysWhatIsWrongWithABadPeriod()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var anonymous = site.CreateClient();
        using var refused = await anonymous.GetAsync(new Uri("/usage.csv?days=7", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/sign-in", refused.Headers.Location?.AbsolutePath);

        using var http = site.CreateClient();
        await AdminSite.RegisterAsync(http, "alice", Password, Ct);
        foreach (var (days, shown) in new[] { ("0", "0"), ("367", "367"), ("abc", "abc"), ("-1", "-1") })
        {
            using var bad = await http.GetAsync(new Uri($"/usage.csv?days={days}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal($"days must be a whole number from 1 to 366 (was \"{shown}\").", await bad.Content.ReadAsStringAsync(Ct));
        }

        using var csv = await http.GetAsync(new Uri("/usage.csv?days=366", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"orch-usage-{PricedWork.Today()}.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(UsageCsv.Header, (await csv.Content.ReadAsStringAsync(Ct)).TrimEnd());
    }

    [Fact]
    public async Task OnAPhone_TheOverviewStacksItsCards_AndBothThemesDrawReadableCharts()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site, new ViewportSize { Width = 390, Height = 844 });
        await browser.RegisterAsync("erin", Password);
        await browser.GotoAsync("overview");
        await browser.WaitUntilInteractiveAsync();
        var page = browser.Page;
        await Expect(page.Locator("[data-testid=burn-down] .rz-tick-text").First).ToBeVisibleAsync();

        // One card above the other, each the page's width; nothing to scroll sideways.
        var cards = new List<LocatorBoundingBoxResult>();
        foreach (var card in new[] { "spend-today", "spend-month", "savings", "task-counts" })
        {
            cards.Add(await page.GetByTestId(card).BoundingBoxAsync() ?? throw new InvalidOperationException($"{card} is not shown"));
        }

        for (var i = 1; i < cards.Count; i++)
        {
            Assert.True(Math.Abs(cards[i].X - cards[0].X) < 1, "the cards start at the same left edge");
            Assert.True(cards[i].Y >= cards[i - 1].Y + cards[i - 1].Height, "each card is below the one before");
        }

        Assert.True(cards[0].Width > 300, $"a card fills the phone's width (was {cards[0].Width})");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the page scrolls sideways");

        await AssertChartReadableAsync(page);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("#radzen-theme-link")).ToHaveAttributeAsync("href", new Regex("/material-dark-base\\.css"));
        // The dark sheet has loaded once the card's background is dark.
        await page.WaitForFunctionAsync("""
            () => {
              const [r, g, b] = getComputedStyle(document.querySelector('[data-testid=burn-down]')).backgroundColor.match(/[\d.]+/g).map(Number);
              return r + g + b < 3 * 80;
            }
            """);
        await AssertChartReadableAsync(page);
        browser.AssertNoErrors();
    }

    /// <summary>The burn-down's axis labels and first line stand out from its card: WCAG contrast for text, and 3:1 for the line.</summary>
    private static async Task AssertChartReadableAsync(IPage page)
    {
        var contrasts = await page.EvaluateAsync<double[]>("""
            () => {
              const card = document.querySelector('[data-testid=burn-down]');
              const rgba = color => { const v = color.match(/[\d.]+/g).map(Number); return v.length === 4 ? v : [...v, 1]; };
              const background = rgba(getComputedStyle(card).backgroundColor);
              const over = color => { const c = rgba(color); return [0, 1, 2].map(i => c[i] * c[3] + background[i] * (1 - c[3])); };
              const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255)
                .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
              const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
              const base = background.slice(0, 3);
              return [
                contrast(over(getComputedStyle(card.querySelector('.rz-tick-text')).fill), base),
                contrast(over(getComputedStyle(card.querySelector('.rz-series-0')).stroke), base),
              ];
            }
            """);
        Assert.True(contrasts[0] >= 4.5, $"axis labels have a contrast of {contrasts[0]:0.0}:1");
        Assert.True(contrasts[1] >= 3, $"the spend line has a contrast of {contrasts[1]:0.0}:1");
    }

    [GeneratedRegex(@"/usage\?days=7$")]
    private static partial Regex DaysInAddress();
}
