using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// The list of projects, the approvals queue and the services page in a real browser, on work that the dashboard's
/// own process runs and on plans an engine of the test's drafts on the same database: live without a reload,
/// filtered in place, and never showing a secret.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ListsAndServicesTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    private const string Secret = "sk-test-SECRET123";

    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Projects_ShowRealWorkWithSpendAndProgress_LiveAndFilteredInPlace()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        var page = browser.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-projects")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-plan")).ToHaveAttributeAsync("href", "/plans/new");
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        Guid first, second;
        await using (var work = await PricedWork.OnAsync(site, Ct))
        {
            first = await work.StartDiamondAsync(Ct);
            await work.WaitForEndAsync(first, Ct);
            second = await work.StartDiamondAsync(Ct);
            await work.WaitForEndAsync(second, Ct);
        }

        await using var planner = await PlannerAsync(site);
        var draft = await DraftAsync(planner, "Launch plan", 3m);

        // The rows came by themselves: the finished runs with what their calls cost, and the draft waiting.
        await Expect(page.GetByTestId("project-row")).ToHaveCountAsync(3);
        foreach (var project in new[] { first, second })
        {
            var row = Row(page, project);
            await Expect(row.GetByTestId("project-status")).ToHaveTextAsync("Completed");
            await Expect(row.GetByTestId("plan-status")).ToHaveTextAsync(" · approved");
            await Expect(row.GetByTestId("progress-text")).ToHaveTextAsync("4 of 4 finished");
            await Expect(row.GetByTestId("spent")).ToHaveTextAsync(PricedWork.Format(await SpentAsync(planner, project)));
            await Expect(row.GetByTestId("project-link")).ToHaveAttributeAsync("href", $"/projects/{project}");
            await Expect(row.GetByTestId("last-activity")).ToHaveTextAsync(new Regex("just now|1 min ago"));
        }

        Assert.True(await SpentAsync(planner, first) > 0, "the tiers are priced");
        var drafted = Row(page, draft);
        await Expect(drafted.GetByTestId("project-status")).ToHaveTextAsync("Draft");
        await Expect(drafted.GetByTestId("progress-text")).ToHaveTextAsync("0 of 2 finished");
        await Expect(drafted.GetByTestId("spend")).ToContainTextAsync("$0.00 of $3.00");
        await Expect(drafted.GetByTestId("plan-link")).ToHaveAttributeAsync("href", $"/projects/{draft}/plan");
        // The latest activity first.
        await Expect(page.GetByTestId("project-row").First).ToHaveAttributeAsync("data-project-id", draft.ToString());

        // Search narrows the list as one types, in any case; clearing it brings every row back.
        await browser.WaitUntilInteractiveAsync();
        var search = page.GetByTestId("project-search");
        await search.FillAsync("LAUNCH");
        await Expect(page.GetByTestId("project-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("project-link")).ToHaveTextAsync("Launch plan");
        await Expect(page.GetByTestId("project-count")).ToHaveTextAsync("1 of 3 projects");
        await search.FillAsync("<no such project>");
        await Expect(page.GetByTestId("no-match")).ToHaveTextAsync("No project matches.");
        await search.FillAsync("");
        await Expect(page.GetByTestId("project-row")).ToHaveCountAsync(3);

        // The status filter, with how many projects have each status.
        await ChooseStatusAsync(page, "Completed (2)");
        await Expect(page.GetByTestId("project-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("project-count")).ToHaveTextAsync("2 of 3 projects");
        await ChooseStatusAsync(page, "Draft (1)");
        await Expect(page.GetByTestId("project-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("project-link")).ToHaveTextAsync("Launch plan");
        await search.FillAsync("test");
        await Expect(page.GetByTestId("no-match")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the list reloaded");
        browser.AssertNoErrors();

        // A viewer sees the same list, without the way to plan.
        await using var bob = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await bob.RegisterAsync("bob", Password);
        await Expect(bob.Page.GetByTestId("project-row")).ToHaveCountAsync(3);
        await Expect(bob.Page.GetByTestId("new-plan")).ToHaveCountAsync(0);
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task Approvals_ShowADraftLive_LinkingToItsReview_OnlyItsNewestVersion_AndTheNavigationCountsThem()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        var page = browser.Page;
        await page.GetByTestId("nav-approvals").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "approvals").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approvals" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-approvals")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("approvals-count")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        await using var planner = await PlannerAsync(site);
        var project = await DraftAsync(planner, "Website", 1m);

        var row = page.GetByTestId("approval-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("approval-link")).ToHaveTextAsync("Website");
        await Expect(row.GetByTestId("approval-link")).ToHaveAttributeAsync("href", $"/projects/{project}/plan");
        await Expect(row.GetByTestId("approval-review")).ToHaveAttributeAsync("href", $"/projects/{project}/plan");
        await Expect(row.GetByTestId("approval-version")).ToHaveTextAsync("v1");
        await Expect(row.GetByTestId("approval-tasks")).ToHaveTextAsync("2");
        var plan = (await planner.Get<PlanService>().GetLatestAsync(project, Ct))!;
        Assert.True(plan.EstimatedCostUsd > 0, "the tiers are priced");
        await Expect(row.GetByTestId("approval-forecast")).ToContainTextAsync($"{PricedWork.Format(plan.EstimatedCostUsd)} expected · {PricedWork.Format(1m)} of {PricedWork.Format(1m)} left");
        await Expect(page.GetByTestId("approvals-count")).ToHaveTextAsync("1");

        // A revision replaces the draft in the queue: the older version waits for nobody.
        var revision = await planner.Get<PlanService>().CreateDraftFromJsonAsync(project, "a launch page, in three steps", ThreeTasks, PlanSource.Manual, Ct);
        await Expect(row.GetByTestId("approval-version")).ToHaveTextAsync("v2");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("approval-tasks")).ToHaveTextAsync("3");
        await Expect(row).ToHaveAttributeAsync("data-plan-id", revision.Id.ToString());

        // A second project's draft: the count follows on every page.
        await DraftAsync(planner, "Report", null);
        await Expect(row).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("approvals-count")).ToHaveTextAsync("2");
        await page.GetByTestId("nav-projects").ClickAsync();
        await Expect(page.GetByTestId("project-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("approvals-count")).ToHaveTextAsync("2");

        // Approved elsewhere: it leaves the queue and the count.
        await planner.Get<PlanService>().ApproveAsync(revision.Id, "someone", Ct);
        await Expect(page.GetByTestId("approvals-count")).ToHaveTextAsync("1");
        await page.GetByTestId("nav-approvals").ClickAsync();
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("approval-link")).ToHaveTextAsync("Report");
        await Expect(row.GetByTestId("approval-forecast")).ToContainTextAsync("no budget");
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the page reloaded");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Services_ListTheProvidersTiersAndThisNode_AndNeverShowASecretSetInTheEnvironment()
    {
        var settings = new Dictionary<string, string?>(PricedWork.Environment())
        {
            ["Orch__Models__Providers__offline__ApiKey"] = Secret,
            ["Orch__Models__Providers__offline__RequestsPerMinute"] = "600",
        };
        await using var site = await AdminSite.StartAsync(Ct, settings);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        var page = browser.Page;
        await page.GetByTestId("nav-services").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "services").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Services" })).ToBeVisibleAsync();

        var offline = page.Locator("[data-testid=provider-row][data-provider=offline]");
        await Expect(offline.GetByTestId("provider-health")).ToHaveTextAsync("up");
        await Expect(offline.GetByTestId("provider-circuit")).ToHaveTextAsync("closed");
        await Expect(offline.GetByTestId("provider-requests")).ToHaveTextAsync(new Regex("^[0-9]{3} of 600 left$"));
        await Expect(offline.GetByTestId("provider-tokens")).ToHaveTextAsync("no limit");
        await Expect(page.GetByTestId("tier-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=tier-row][data-tier=large]")).ToContainTextAsync("$15.00");
        var node = page.Locator("[data-testid=node-row][data-this=true]");
        await Expect(node.GetByTestId("node-state")).ToHaveTextAsync("alive");
        await Expect(node.GetByTestId("node-id")).ToContainTextAsync("/Orch.Admin/");
        await Expect(node.GetByTestId("node-this")).ToBeVisibleAsync();

        // The key is listed, from the environment; its value never reaches the page.
        var apiKey = page.Locator("[data-testid=setting-row][data-key='Orch:Models:Providers:offline:ApiKey']");
        await Expect(apiKey.GetByTestId("setting-value")).ToContainTextAsync("••••••");
        await Expect(apiKey.GetByTestId("setting-source")).ToHaveTextAsync("environment");
        await Expect(page.Locator("[data-testid=setting-row][data-key='Orch:Budget:MonthlyCapUsd'] [data-testid=setting-value]")).ToHaveTextAsync("100");
        Assert.DoesNotContain("SECRET123", await page.ContentAsync(), StringComparison.Ordinal);
        using (var http = site.CreateClient())
        {
            await AdminSite.RegisterAsync(http, "carol", Password, Ct);
            var html = await http.GetStringAsync(new Uri("/services", UriKind.Relative), Ct);
            Assert.Contains("Orch:Models:Providers:offline:ApiKey", html, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET123", html, StringComparison.Ordinal);
        }

        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("settings-filter").FillAsync("apikey");
        // The provider's key, and the guard's policy for keys found in requirements.
        await Expect(page.GetByTestId("setting-row")).ToHaveCountAsync(2);
        await page.GetByTestId("settings-filter").FillAsync(Secret);
        await Expect(page.GetByTestId("setting-row")).ToHaveCountAsync(0);

        // An admin may check the providers at once.
        await page.GetByTestId("check-providers").ClickAsync();
        await Expect(offline.GetByTestId("provider-detail")).ToHaveTextAsync("answered · checked just now");
        await Expect(page.GetByTestId("services-error")).ToHaveCountAsync(0);
        Assert.DoesNotContain("SECRET123", await page.ContentAsync(), StringComparison.Ordinal);
        browser.AssertNoErrors();

        // A viewer sees the page, not the button.
        await using var bob = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await bob.RegisterAsync("bob", Password);
        await bob.GotoAsync("services");
        await Expect(bob.Page.Locator("[data-testid=provider-row][data-provider=offline]")).ToBeVisibleAsync();
        await Expect(bob.Page.GetByTestId("check-providers")).ToHaveCountAsync(0);
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task EachPage_SendsAnAnonymousVisitorToSignIn()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var anonymous = site.CreateClient();
        foreach (var path in new[] { "/", "/approvals", "/services" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
        }
    }

    private const string TwoTasks = """
        {"summary":"A launch page","tasks":[
          {"key":"copy","title":"Write the copy","kind":"writing","complexity":"low","tier":"small"},
          {"key":"page","title":"Build the page","kind":"code","complexity":"medium","tier":"large","depends_on":["copy"]}]}
        """;

    private const string ThreeTasks = """
        {"tasks":[
          {"key":"copy","title":"Write the copy","tier":"small"},
          {"key":"page","title":"Build the page","tier":"large","depends_on":["copy"]},
          {"key":"check","title":"Check the page","tier":"small","depends_on":["page"]}]}
        """;

    private static ILocator Row(IPage page, Guid project) => page.Locator($"[data-testid=project-row][data-project-id='{project}']");

    private static async Task ChooseStatusAsync(IPage page, string choice)
    {
        await page.GetByTestId("status-filter").ClickAsync();
        await page.Locator(".rz-dropdown-item").Filter(new() { HasText = choice }).ClickAsync();
    }

    /// <summary>
    /// An engine of the test's own on the site's database that plans and approves but runs nothing: the drafts it
    /// writes reach the dashboard as another process's would.
    /// </summary>
    private static Task<EngineHost> PlannerAsync(AdminSite site) => EngineHost.StartAsync(
        StoreKind.Sqlite,
        Ct,
        new Dictionary<string, string?>(PricedWork.Settings) { ["Orch:Execution:RunTasks"] = "false" },
        $"Data Source={Path.Combine(site.DataDirectory, "orch.db")}");

    /// <summary>A new project with a draft of two priced tasks; returns the project's id.</summary>
    private static async Task<Guid> DraftAsync(EngineHost planner, string name, decimal? budgetUsd)
    {
        var project = await planner.Get<ProjectService>().CreateAsync(new NewProject(name, BudgetUsd: budgetUsd), Ct);
        await planner.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "a launch page", TwoTasks, PlanSource.Manual, Ct);
        return project.Id;
    }

    private static async Task<decimal> SpentAsync(EngineHost planner, Guid project)
    {
        await using var db = planner.Db();
        var micros = await db.UsageRecords.Where(u => u.ProjectId == project).SumAsync(u => u.CostMicros, Ct);
        return Orch.Core.Budgets.Money.ToUsd(micros);
    }
}
