using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// Planning from requirements and reviewing the plan in a real browser, against the real dashboard on SQLite with
/// priced tiers: edits checked by Core as they are made, with errors in place and the forecast live; saving a
/// version, approving, rejecting; a viewer who may only look; and changes made by another process (as an MCP
/// server beside the dashboard would), which show without a reload and never throw away a person's edits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlanReviewTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    // a → (b, c) → d, on the cheap tier.
    private const string Diamond = """
        {
          "summary": "Four parts of a report",
          "tasks": [
            { "key": "a", "title": "Write part a", "kind": "writing", "complexity": "low", "tier": "small" },
            { "key": "b", "title": "Write part b", "kind": "writing", "complexity": "low", "tier": "small", "depends_on": ["a"] },
            { "key": "c", "title": "Write part c", "kind": "writing", "complexity": "low", "tier": "small", "depends_on": ["a"], "acceptance_criteria": ["Cites a source"] },
            { "key": "d", "title": "Write part d", "kind": "writing", "complexity": "low", "tier": "small", "depends_on": ["b", "c"] }
          ]
        }
        """;

    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Operator_PlansFromRequirements_RetiersATask_SeesTheForecastChangeLive_Approves_AndWatchesTheRunToItsEnd()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await browser.SignOutAsync();
        await browser.SignInAsync("alice", Password);
        var page = browser.Page;

        await browser.GotoAsync("plans/new");
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("requirements").FillAsync("1. Research competitor pricing pages\n2. Design a pricing table\n3. Write the pricing page copy");
        await page.Locator("[data-testid=budget] input").FillAsync("50");
        await page.GetByTestId("plan").ClickAsync();

        await Expect(page).ToHaveURLAsync(PlanUrl());
        var projectId = ProjectIdOf(page.Url);
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 1");
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("forecast-budget")).ToContainTextAsync("Budget $50.00");
        await using var orch = await OrchOnAsync(site);
        var v1 = (await orch.Get<PlanService>().GetLatestAsync(projectId, Ct))!;
        var task = v1.Tasks.First(t => t.Tier != "large");
        var before = await page.GetByTestId("forecast-expected").TextContentAsync();
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        await ChooseAsync(page, $"task-tier-{task.Key}", "large");

        await Expect(page.GetByTestId("forecast-expected")).Not.ToHaveTextAsync(before!);
        await Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"graph-node-{task.Key}")).ToHaveAttributeAsync("data-state", "large");
        await Expect(page.GetByTestId($"forecast-task-{task.Key}")).ToContainTextAsync("large");
        await Expect(page.GetByTestId("approve")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("approve")).ToHaveAccessibleNameAsync("Save your changes to approve");
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the page reloaded");
        var retiered = await page.GetByTestId("forecast-expected").TextContentAsync();

        await page.GetByTestId("save-plan").ClickAsync();
        await Expect(page.GetByTestId("review-notice")).ToHaveTextAsync("Saved as version 2.");
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 2");
        await Expect(page.GetByTestId("forecast-expected")).ToHaveTextAsync(retiered!);
        var v2 = (await orch.Get<PlanService>().GetLatestAsync(projectId, Ct))!;
        Assert.Equal((2, PlanStatus.Draft, "large"), (v2.Version, v2.Status, v2.Tasks.Single(t => t.Key == task.Key).Tier));
        Assert.Equal(PlanStatus.Superseded, (await orch.Get<PlanService>().GetAsync(v1.Id, Ct)).Status);

        // The budget, set by the operator: the forecast is measured against it at once.
        await page.Locator("[data-testid=budget-input] input").FillAsync("20");
        await page.GetByTestId("budget-save").ClickAsync();
        await Expect(page.GetByTestId("budget-current")).ToHaveTextAsync("$20.00");
        await Expect(page.GetByTestId("forecast-budget")).ToContainTextAsync("Budget $20.00");
        Assert.Equal(20m, (await orch.Get<ProjectService>().GetAsync(projectId, Ct)).BudgetUsd);

        await Expect(page.GetByTestId("approve")).ToHaveAccessibleNameAsync("Approve");
        await page.GetByTestId("approve").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, $"projects/{projectId}").ToString());
        var approved = await orch.Get<PlanService>().GetAsync(v2.Id, Ct);
        Assert.Equal((PlanStatus.Approved, "alice"), (approved.Status, approved.DecidedBy));
        Assert.Equal(ProjectStatus.Approved, (await orch.Get<ProjectService>().GetAsync(projectId, Ct)).Status);

        // The run view: executed from there, followed to the end without a reload, the spend as recorded.
        // Planning was a priced call already: the project's spend starts there.
        await browser.WaitUntilInteractiveAsync();
        var (_, planning) = await PricedWork.RecordedCallsAsync(Path.Combine(site.DataDirectory, "orch.db"), Ct);
        await Expect(page.GetByTestId("run-spent")).ToHaveTextAsync(PricedWork.Format(planning));
        await page.EvaluateAsync("() => window.orchNotReloaded = true");
        await page.GetByTestId("execute").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed", new() { Timeout = 90_000 });
        var keys = v2.Tasks.Select(t => t.Key).ToList();
        foreach (var key in keys)
        {
            await Expect(page.GetByTestId($"graph-node-{key}")).ToHaveAttributeAsync("data-state", "completed");
        }

        await Expect(page.GetByTestId("run-progress")).ToHaveTextAsync($"{keys.Count} of {keys.Count} tasks finished");
        var (_, cost) = await PricedWork.RecordedCallsAsync(Path.Combine(site.DataDirectory, "orch.db"), Ct);
        Assert.True(cost > planning, "the run's calls are priced");
        await Expect(page.GetByTestId("run-spent")).ToHaveTextAsync(PricedWork.Format(cost));
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the run view reloaded");

        // The retiered task's log: its model call on the large tier.
        await page.GetByTestId($"task-link-{task.Key}").ClickAsync();
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("attempt-1").GetByTestId("model-calls")).ToContainTextAsync("large");
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("task.completed");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task NewPlan_RefusesEmptyOrHugeRequirements_AndANegativeOrAbsurdBudget_InPlace_AndCreatesNothing()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        var page = browser.Page;
        await browser.GotoAsync("plans/new");
        await browser.WaitUntilInteractiveAsync();

        await page.GetByTestId("plan").ClickAsync();
        await Expect(page.GetByTestId("requirements-error")).ToHaveTextAsync("requirements: is required and must not be blank.");

        // Pasted in full: the field cuts it one character past the limit, and Core says how long it may be.
        await page.GetByTestId("requirements").FillAsync(new string('x', Plan.MaxRequirementsLength + 5_000));
        await page.GetByTestId("plan").ClickAsync();
        await Expect(page.GetByTestId("requirements-error")).ToHaveTextAsync("requirements: is 100,001 characters long; at most 100,000 are allowed.");

        await page.GetByTestId("requirements").FillAsync("1. Collect the figures\n2. Write the report");
        foreach (var (budget, shown) in new[] { ("-5", "-5"), ("1000000000", "1000000000") })
        {
            await page.Locator("[data-testid=budget] input").FillAsync(budget);
            await page.GetByTestId("plan").ClickAsync();
            await Expect(page.GetByTestId("budget-error")).ToHaveTextAsync($"budget_usd: must be at least 0.000001 and at most 1,000,000 (was {shown}).");
            await Expect(page.GetByTestId("requirements-error")).ToHaveCountAsync(0);
        }

        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "plans/new").ToString());
        await using var orch = await OrchOnAsync(site);
        Assert.Empty(await orch.Get<ProjectService>().ListAsync(10, Ct));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task InvalidEdits_ShowCoresErrorsOnTheirRowAndField_DisableSaving_AndChangeNothing()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var orch = await OrchOnAsync(site);
        var (projectId, plan) = await DiamondAsync(orch);
        var page = browser.Page;
        await browser.GotoAsync($"projects/{projectId}/plan");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 1");
        await Expect(page.GetByTestId("save-plan")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("approve")).ToBeEnabledAsync();

        // a waits for d, which waits for a: a cycle, named on the tasks in it.
        await ChooseManyAsync(page, "task-deps-a", "d");
        await Expect(page.GetByTestId("error-a-depends_on")).ToContainTextAsync("Dependency cycle: ");
        await Expect(page.GetByTestId("error-d-depends_on")).ToContainTextAsync("Dependency cycle: ");
        await Expect(page.GetByTestId("plan-problems")).ToContainTextAsync("1 problem; it must be fixed before saving");
        await Expect(page.GetByTestId("forecast-unavailable")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("save-plan")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("approve")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("reject")).ToBeDisabledAsync();
        await page.GetByTestId("discard").ClickAsync();
        await Expect(page.GetByTestId("plan-problems")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("forecast-expected")).ToBeVisibleAsync();

        // Removing a task others wait for: each of them says so.
        await page.GetByTestId("task-remove-a").ClickAsync();
        await Expect(page.GetByTestId("task-row-a")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("error-b-depends_on")).ToHaveTextAsync("Task 'b' depends on 'a', which this revision removes; keep that task or drop the dependency.");
        await Expect(page.GetByTestId("error-c-depends_on")).ToHaveTextAsync("Task 'c' depends on 'a', which this revision removes; keep that task or drop the dependency.");
        await Expect(page.GetByTestId("save-plan")).ToBeDisabledAsync();
        await page.GetByTestId("discard").ClickAsync();

        // A new task that waits for a key no task has, and a blank title.
        await page.GetByTestId("add-task").ClickAsync();
        await page.GetByTestId("task-key-new-1").FillAsync("e");
        await page.GetByTestId("task-key-new-1").BlurAsync();
        await Expect(page.GetByTestId("error-new-1-title")).ToHaveTextAsync("This field is required and must not be blank.");
        await page.GetByTestId("task-title-new-1").FillAsync("Check the parts");
        await page.GetByTestId("task-title-new-1").BlurAsync();
        await Expect(page.GetByTestId("error-new-1-title")).ToHaveCountAsync(0);
        await page.GetByTestId("task-title-b").FillAsync("   ");
        await page.GetByTestId("task-title-b").BlurAsync();
        await Expect(page.GetByTestId("error-b-title")).ToHaveTextAsync("This field is required and must not be blank.");
        await Expect(page.GetByTestId("plan-problems")).ToContainTextAsync("b · title: This field is required and must not be blank.");
        await page.GetByTestId("task-key-new-1").FillAsync("b");
        await page.GetByTestId("task-key-new-1").BlurAsync();
        await Expect(page.GetByTestId("error-new-1-key")).ToHaveTextAsync("The key 'b' is used by more than one task.");
        await Expect(page.GetByTestId("save-plan")).ToBeDisabledAsync();

        // A description far past the limit: cut one character over by the field, and Core names the limit.
        await page.GetByTestId("task-description-c").FillAsync(new string('y', PlanLimits.MaxDescriptionLength + 3_000));
        await page.GetByTestId("task-description-c").BlurAsync();
        await Expect(page.GetByTestId("error-c-description")).ToHaveTextAsync("This field is 20,001 characters long; at most 20,000 are allowed.");

        // A negative budget is refused where it was typed; the budget stays.
        await page.Locator("[data-testid=budget-input] input").FillAsync("-5");
        await page.GetByTestId("budget-save").ClickAsync();
        await Expect(page.GetByTestId("budget-error")).ToHaveTextAsync("budget_usd: must be at least 0.000001 and at most 1,000,000 (was -5).");
        await Expect(page.GetByTestId("budget-current")).ToHaveTextAsync("$5.00");

        var latest = (await orch.Get<PlanService>().GetLatestAsync(projectId, Ct))!;
        Assert.Equal((plan.Id, 1, PlanStatus.Draft), (latest.Id, latest.Version, latest.Status));
        Assert.Equal(plan.Tasks.Select(t => (t.Key, t.Title, t.Tier, string.Join(",", t.DependsOn))), latest.Tasks.Select(t => (t.Key, t.Title, t.Tier, string.Join(",", t.DependsOn))));
        Assert.Equal(5m, (await orch.Get<ProjectService>().GetAsync(projectId, Ct)).BudgetUsd);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Viewer_SeesThePlanReadOnly_WithoutApproveSaveOrBudgetControls_AndMayNotPlan()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        using (var admin = site.CreateClient())
        {
            await AdminSite.RegisterAsync(admin, "alice", Password, Ct);
        }

        await using var orch = await OrchOnAsync(site);
        var (projectId, plan) = await DiamondAsync(orch);
        await using var bob = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await bob.RegisterAsync("bob", Password);
        await Expect(bob.Page.GetByTestId("user-role")).ToHaveTextAsync("viewer");
        var page = bob.Page;

        await bob.GotoAsync($"projects/{projectId}/plan");
        await bob.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 1");
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("task-title-b")).ToHaveTextAsync("Write part b");
        await Expect(page.GetByTestId("task-deps-d")).ToHaveTextAsync("b, c");
        await Expect(page.GetByTestId("forecast-expected")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("graph-node-c")).ToHaveAttributeAsync("data-state", "small");
        await Expect(page.GetByTestId("budget-current")).ToHaveTextAsync("$5.00");
        // Nothing to change with: no inputs, no actions.
        await Expect(page.Locator("[data-testid=plan-tasks] input, [data-testid=plan-tasks] textarea")).ToHaveCountAsync(0);
        foreach (var control in new[] { "plan-actions", "approve", "reject", "save-plan", "discard", "add-task", "budget-input", "budget-save", "task-remove-a" })
        {
            await Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        }

        // Planning is for operators: the server sends a viewer to the access-denied page.
        await bob.GotoAsync("plans/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("plan")).ToHaveCountAsync(0);

        var latest = (await orch.Get<PlanService>().GetLatestAsync(projectId, Ct))!;
        Assert.Equal((plan.Id, PlanStatus.Draft), (latest.Id, latest.Status));
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task ChangesMadeElsewhere_ShowLive_UnsavedEditsStayBehindANotice_AndASaveOnAnOldVersionIsRefused()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var orch = await OrchOnAsync(site);
        var (projectId, v1) = await DiamondAsync(orch);
        var planning = orch.Get<PlanningService>();
        var page = browser.Page;
        await browser.GotoAsync($"projects/{projectId}/plan");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 1");
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        // Revised by another process while the page shows it unchanged: the page follows.
        var v2 = (await planning.ReviseAsync(v1.Id, new PlanRevision([new TaskEdit("c", Tier: "large")]), Ct)).Plan;
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 2");
        await Expect(page.GetByTestId("review-notice")).ToHaveTextAsync("Now showing version 2, saved elsewhere.");
        await Expect(page.GetByTestId("graph-node-c")).ToHaveAttributeAsync("data-state", "large");

        // Revised again while the person has unsaved edits: they stay, and a notice says a newer version exists.
        await page.GetByTestId("task-title-b").FillAsync("Write part b, shorter");
        await page.GetByTestId("task-title-b").BlurAsync();
        await Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();
        var v3 = (await planning.ReviseAsync(v2.Id, new PlanRevision([new TaskEdit("d", Title: "Write part d, with a summary")]), Ct)).Plan;
        await Expect(page.GetByTestId("newer-version")).ToContainTextAsync("version 3 (draft) was saved elsewhere");
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 2");
        await Expect(page.GetByTestId("task-title-b")).ToHaveValueAsync("Write part b, shorter");

        // Saving them would revise an old version: Core refuses, and says which is the newest.
        await page.GetByTestId("save-plan").ClickAsync();
        await Expect(page.GetByTestId("review-error")).ToHaveTextAsync($"plan_id: version 2 is not the newest; revise version 3 ({v3.Id}).");
        await Expect(page.GetByTestId("task-title-b")).ToHaveValueAsync("Write part b, shorter");
        Assert.Equal(3, (await orch.Get<PlanService>().GetLatestAsync(projectId, Ct))!.Version);

        await page.GetByTestId("load-newer").ClickAsync();
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 3");
        await Expect(page.GetByTestId("task-title-b")).ToHaveValueAsync("Write part b");
        await Expect(page.GetByTestId("task-title-d")).ToHaveValueAsync("Write part d, with a summary");
        await Expect(page.GetByTestId("newer-version")).ToHaveCountAsync(0);

        // Approved elsewhere: the page says so; approving again is refused with Core's message, and it reloads.
        await orch.Get<PlanService>().ApproveAsync(v3.Id, "assistant", Ct);
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Approved");
        await Expect(page.GetByTestId("plan-origin")).ToContainTextAsync("approved by assistant");
        await Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the page reloaded");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Reject_WithAReason_MarksTheVersionRejected_AndACrossedApprovalIsRefusedWithCoresMessage()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var orch = await OrchOnAsync(site);
        var (projectId, v1) = await DiamondAsync(orch);
        var page = browser.Page;
        await browser.GotoAsync($"projects/{projectId}/plan");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("approve")).ToBeEnabledAsync();

        await page.GetByTestId("reject-reason").FillAsync("Too many parts");
        await page.GetByTestId("reject").ClickAsync();
        await Expect(page.GetByTestId("review-notice")).ToHaveTextAsync("Version 1 rejected.");
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Rejected");
        await Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);
        var rejected = await orch.Get<PlanService>().GetAsync(v1.Id, Ct);
        Assert.Equal((PlanStatus.Rejected, "alice"), (rejected.Status, rejected.DecidedBy));

        // A second version, then one the page cannot know of yet: approving what it shows is refused by Core.
        var planning = orch.Get<PlanningService>();
        var v2 = (await planning.ReviseAsync(v1.Id, new PlanRevision([new TaskEdit("a", Title: "Write part a again")]), Ct)).Plan;
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync("Version 2");
        await Expect(page.GetByTestId("approve")).ToBeEnabledAsync();
        await orch.Get<PlanService>().ApproveAsync(v2.Id, "assistant", Ct);
        await page.GetByTestId("approve").ClickAsync();
        await Expect(page.GetByTestId("review-error")).ToContainTextAsync($"The plan {v2.Id} is Approved");
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Approved");
        await Expect(page).ToHaveURLAsync(PlanUrl());
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task PlanPages_SendAnonymousVisitorsToSignIn()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var anonymous = site.CreateClient();
        foreach (var path in new[] { "/plans/new", $"/projects/{Guid.CreateVersion7()}/plan" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
        }
    }

    /// <summary>Orch on the site's own database, as another process beside the dashboard: it runs no task.</summary>
    private static Task<EngineHost> OrchOnAsync(AdminSite site) => EngineHost.StartAsync(
        StoreKind.Sqlite,
        Ct,
        new Dictionary<string, string?>(PricedWork.Settings) { ["Orch:Execution:RunTasks"] = "false" },
        $"Data Source={Path.Combine(site.DataDirectory, "orch.db")}");

    /// <summary>A project with a budget of $5 and the four-part plan, drafted by another process.</summary>
    private static async Task<(Guid ProjectId, PlanView Plan)> DiamondAsync(EngineHost orch)
    {
        var project = await orch.Get<ProjectService>().CreateAsync(new NewProject("Report in parts", BudgetUsd: 5m), Ct);
        var plan = await orch.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "A report in four parts", Diamond, PlanSource.Manual, Ct);
        return (project.Id, plan);
    }

    /// <summary>Ticks options of a Radzen multiple drop-down by their text, then closes it.</summary>
    private static async Task ChooseManyAsync(IPage page, string testId, params string[] options)
    {
        await page.GetByTestId(testId).ClickAsync();
        var popup = page.Locator(".rz-popup:visible, .rz-dropdown-panel:visible");
        foreach (var option in options)
        {
            await popup.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        }

        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>Picks an option of a Radzen drop-down by its text.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".rz-popup:visible, .rz-dropdown-panel:visible").GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    private static Guid ProjectIdOf(string url) => Guid.Parse(PlanUrl().Match(url).Groups["id"].Value);

    [GeneratedRegex("/projects/(?<id>[0-9a-f-]{36})/plan$")]
    private static partial Regex PlanUrl();
}
