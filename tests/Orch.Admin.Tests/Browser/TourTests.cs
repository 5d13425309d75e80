using Microsoft.Playwright;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// Every main page once, on real work, on a laptop's screen and a phone's: each shows its content with no error
/// in the browser. With ORCH_SCREENSHOTS naming a folder, the tour also saves each page there (the README's
/// pictures are taken this way: <c>ORCH_SCREENSHOTS=$PWD/docs/screenshots dotnet test --filter TourTests</c>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TourTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(4));

    public static TheoryData<string, int, int> Screens => new() { { "laptop", 1366, 860 }, { "phone", 390, 844 } };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task EveryMainPage_ShowsItsContent_WithoutErrors(string screen, int width, int height)
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site, new ViewportSize { Width = width, Height = height });
        await browser.RegisterAsync("alice", Password);
        await using var work = await PricedWork.OnAsync(site, Ct);
        var done = await work.StartDiamondAsync(Ct);
        await work.WaitForEndAsync(done, Ct);
        var waiting = await work.StartWaitingOnTheAssistantAsync(Ct);
        var page = browser.Page;

        // A draft from requirements, planned on the offline provider, for the approvals queue and the plan review.
        await browser.GotoAsync("plans/new");
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("requirements").FillAsync("1. Research competitor pricing pages\n2. Design a pricing table\n3. Write the pricing page copy\n4. Review it against the brand guide");
        await page.GetByTestId("plan").ClickAsync();
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 1");
        var draft = page.Url;

        var stops = new (string Name, string Path, string Shows)[]
        {
            ("overview", "overview", "spend-today-spent"),
            ("projects", "", "projects"),
            ("approvals", "approvals", "approvals"),
            ("plan-review", new Uri(draft).AbsolutePath.TrimStart('/'), "plan-version"),
            ("run-view", $"projects/{done}", "task-graph"),
            ("run-view-running", $"projects/{waiting}", "attempt-timeline"),
            ("task-detail", $"projects/{done}/tasks/c", "task-log"),
            ("usage", "usage", "spend-by-day"),
            ("services", "services", "providers"),
        };
        foreach (var (name, path, shows) in stops)
        {
            await browser.GotoAsync(path);
            await browser.WaitUntilInteractiveAsync();
            await Expect(page.GetByTestId(shows).First).ToBeVisibleAsync();
            await SaveAsync(page, $"{name}-{screen}");
        }

        await page.GetByTestId("theme-toggle").First.ClickAsync();
        await Expect(page.Locator("#radzen-theme-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("material-dark"));
        await browser.GotoAsync($"projects/{done}");
        await Expect(page.GetByTestId("task-graph")).ToBeVisibleAsync();
        await SaveAsync(page, $"run-view-dark-{screen}");
        browser.AssertNoErrors();
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ORCH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }
}
