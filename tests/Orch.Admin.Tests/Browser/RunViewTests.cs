using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// The run view and the task detail in a real browser, on plans that the dashboard's own engine runs: executing
/// and watching a run live, pause, resume and cancel, retry and skip of a failed task, what a viewer may do, and
/// addresses that name nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RunViewTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task AnOperator_ExecutesAnApprovedPlan_WatchesItCompleteWithoutReloading_AndReadsATasksCalls()
    {
        await using var site = await AdminSite.StartAsync(Ct, RunPlans.Environment);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var plans = await RunPlans.OnAsync(site, Ct);
        var project = await plans.ApprovedDiamondAsync(Ct);

        await browser.GotoAsync($"projects/{project}");
        await browser.WaitUntilInteractiveAsync();
        var page = browser.Page;
        await Expect(page.GetByTestId("run-view")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Approved");
        await Expect(page.GetByTestId("run-spent")).ToHaveTextAsync("$0.00");
        await Expect(page.GetByTestId("count-pending")).ToHaveTextAsync("4 pending");
        await Expect(page.GetByTestId("graph-node-d")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.orchNotReloaded = true");
        // A second page on task d's detail, before anything ran, follows it too.
        var detail = await page.Context.NewPageAsync();
        await detail.GotoAsync($"projects/{project}/tasks/d");
        await Expect(detail.GetByTestId("render-mode")).ToHaveTextAsync("live");
        await Expect(detail.GetByTestId("task-status")).ToHaveTextAsync("Pending");
        await Expect(detail.GetByTestId("no-attempts")).ToBeVisibleAsync();
        await detail.EvaluateAsync("() => window.orchNotReloaded = true");

        await page.GetByTestId("execute").ClickAsync();

        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("Running 4 tasks of plan version 1.");
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            await Expect(page.GetByTestId("graph-node-" + key)).ToHaveAttributeAsync("data-state", "completed");
        }

        await plans.WaitForAsync(project, v => v.Status == ProjectStatus.Completed, Ct);
        var (_, cost) = await PricedWork.RecordedCallsAsync(plans.Database, Ct);
        Assert.True(cost > 0, "the tiers are priced");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("count-completed")).ToHaveTextAsync("4 completed");
        await Expect(page.GetByTestId("count-pending")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("run-progress")).ToHaveTextAsync("4 of 4 tasks finished");
        await Expect(page.GetByTestId("run-spent")).ToHaveTextAsync(PricedWork.Format(cost));
        await Expect(page.GetByTestId("bar-a-1")).ToHaveAttributeAsync("data-outcome", "succeeded");
        await Expect(page.GetByTestId("bar-d-1")).ToHaveAttributeAsync("data-outcome", "succeeded");
        await Expect(page.GetByTestId("task-status-c")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("execute")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the run view reloaded");
        await Expect(detail.GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Expect(detail.GetByTestId("attempt-1-status")).ToHaveTextAsync("Succeeded");
        await Expect(detail.GetByTestId("attempt-1").GetByTestId("model-calls")).ToContainTextAsync("offline/offline-rules");
        await Expect(detail.GetByTestId("task-output")).Not.ToBeEmptyAsync();
        Assert.True(await detail.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the task detail reloaded");
        await detail.CloseAsync();

        // From the graph to the task's detail: its calls as recorded.
        await page.GetByTestId("graph-node-d").Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, $"projects/{project}/tasks/d").ToString());
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync("d · Write part d");
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Completed");
        var (input, output, costOfD) = await plans.CallsOfAsync("d", Ct);
        var calls = page.GetByTestId("attempt-1").GetByTestId("model-calls");
        await Expect(calls).ToContainTextAsync("offline/offline-rules");
        await Expect(calls).ToContainTextAsync(input.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(calls).ToContainTextAsync(output.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(calls).ToContainTextAsync(PricedWork.Format(costOfD));
        await Expect(page.GetByTestId("task-cost")).ToHaveTextAsync(PricedWork.Format(costOfD));
        await Expect(page.GetByTestId("task-dependencies")).ToHaveTextAsync("bc");
        await Expect(page.GetByTestId("task-output")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("[data-testid=log-entry][data-type='task.started']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=log-entry][data-type='task.completed']")).ToHaveCountAsync(1);

        // A dependency's link leads to its own detail.
        await page.GetByTestId("dependency-b").ClickAsync();
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync("b · Write part b");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task AnOperator_PausesAndResumesARunningProject_AndCancelsItOnlyAfterConfirming()
    {
        await using var site = await AdminSite.StartAsync(Ct, RunPlans.Environment);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var plans = await RunPlans.OnAsync(site, Ct);
        var project = await plans.StartedWaitingAsync(Ct);

        await browser.GotoAsync($"projects/{project}");
        await browser.WaitUntilInteractiveAsync();
        var page = browser.Page;
        await Expect(page.GetByTestId("graph-node-a")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(page.GetByTestId("graph-node-w")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");

        await page.GetByTestId("pause").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Paused");
        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("Paused: no new task starts; running ones finish.");
        await Expect(page.GetByTestId("run-reason")).ToHaveTextAsync("paused by a person");
        Assert.Equal(ProjectStatus.Paused, (await plans.ReadAsync(project, Ct)).Status);

        await page.GetByTestId("resume").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("Resumed.");
        Assert.Equal(ProjectStatus.Running, (await plans.ReadAsync(project, Ct)).Status);

        // The first click only asks; keeping the project changes nothing.
        await page.GetByTestId("cancel").ClickAsync();
        await Expect(page.GetByTestId("cancel-confirmation")).ToContainTextAsync("Every unfinished task stops for good.");
        await page.GetByTestId("cancel-keep").ClickAsync();
        await Expect(page.GetByTestId("cancel-confirmation")).ToHaveCountAsync(0);
        Assert.Equal(ProjectStatus.Running, (await plans.ReadAsync(project, Ct)).Status);

        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByTestId("cancel-confirm").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("Cancelled; 2 unfinished task(s) cancelled.");
        await Expect(page.GetByTestId("graph-node-w")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(page.GetByTestId("graph-node-a")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(page.GetByTestId("pause")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("cancel")).ToHaveCountAsync(0);
        var view = await plans.ReadAsync(project, Ct);
        Assert.Equal(ProjectStatus.Cancelled, view.Status);
        Assert.Equal(PlanTaskStatus.Cancelled, view.Tasks.Single(t => t.Key == "z").Status);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task AFailedTask_IsRetried_ThenSkipped_SoThatItsDependentRuns_AndARefusalOfCoreIsShown()
    {
        await using var site = await AdminSite.StartAsync(Ct, RunPlans.Environment);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var plans = await RunPlans.OnAsync(site, Ct);
        var project = await plans.StartedFailingAsync(Ct);

        await browser.GotoAsync($"projects/{project}");
        await browser.WaitUntilInteractiveAsync();
        var page = browser.Page;
        await Expect(page.GetByTestId("graph-node-x")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Failed");
        await Expect(page.GetByTestId("graph-node-y")).ToHaveAttributeAsync("data-state", "blocked");
        await Expect(page.GetByTestId("bar-x-1")).ToHaveAttributeAsync("data-outcome", "failed");

        // Retry runs it again, on the same unreachable tier: a second failed attempt.
        await page.GetByTestId("retry-x").ClickAsync();
        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("Task 'x' will run again.");
        await Expect(page.GetByTestId("bar-x-2")).ToHaveAttributeAsync("data-outcome", "failed");
        await Expect(page.GetByTestId("graph-node-x")).ToHaveAttributeAsync("data-state", "failed");

        // Two pages on the task: one skips it; the other, not yet told, asks to retry it, and Core says no.
        await browser.GotoAsync($"projects/{project}/tasks/x");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("task-attempts")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("attempt-2-error")).Not.ToBeEmptyAsync();
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync($"projects/{project}/tasks/x");
        await Expect(other.GetByTestId("render-mode")).ToHaveTextAsync("live");
        await other.GetByTestId("skip").ClickAsync();
        await Expect(other.GetByTestId("control-message")).ToHaveTextAsync("Task 'x' skipped; it counts as done with an empty output.");
        await page.GetByTestId("retry").ClickAsync();
        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("task_id: task 'x' is skipped; only a failed, budget-stopped or reviewed task can be retried");

        // The skipped task's dependent runs, and the project completes.
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Skipped");
        await Expect(page.GetByTestId("retry")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("skip")).ToHaveCountAsync(0);
        await plans.WaitForAsync(project, v => v.Status == ProjectStatus.Completed, Ct);
        await page.GetByTestId("back-to-run").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("graph-node-y")).ToHaveAttributeAsync("data-state", "completed");
        await other.CloseAsync();
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task AViewer_SeesTheRunWithoutControls_AndAControlShownByChangingThePage_IsRefused()
    {
        await using var site = await AdminSite.StartAsync(Ct, RunPlans.Environment);
        using (var admin = site.CreateClient())
        {
            await AdminSite.RegisterAsync(admin, "alice", Password, Ct);
        }

        await using var plans = await RunPlans.OnAsync(site, Ct);
        var project = await plans.StartedWaitingAsync(Ct);
        await using var bob = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await bob.RegisterAsync("bob", Password);
        await Expect(bob.Page.GetByTestId("user-role")).ToHaveTextAsync("viewer");

        await bob.GotoAsync($"projects/{project}");
        await bob.WaitUntilInteractiveAsync();
        var page = bob.Page;
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("graph-node-a")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        foreach (var control in new[] { "pause", "cancel", "execute", "resume" })
        {
            await Expect(page.GetByTestId(control)).Not.ToBeVisibleAsync();
        }

        await Expect(page.GetByTestId("task-table").GetByText("Actions")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid^=skip-]")).ToHaveCountAsync(0);

        // Shown by changing the page in the browser, the pause button reaches the server, which refuses it.
        await page.EvaluateAsync("() => { document.querySelector('[data-testid=viewer-controls]').hidden = false; }");
        await page.GetByTestId("pause").ClickAsync();
        await Expect(page.GetByTestId("control-message")).ToHaveTextAsync("Your account may look at this run but not change it; an admin can.");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        Assert.Equal(ProjectStatus.Running, (await plans.ReadAsync(project, Ct)).Status);

        // The task detail has no controls for a viewer either.
        await bob.GotoAsync($"projects/{project}/tasks/w");
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Ready");
        await Expect(page.GetByTestId("skip")).ToHaveCountAsync(0);
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task AddressesThatNameNothing_SaySoClearly_AndAnonymousVisitorsAreSentToSignIn()
    {
        await using var site = await AdminSite.StartAsync(Ct, RunPlans.Environment);
        await using var plans = await RunPlans.OnAsync(site, Ct);
        var project = await plans.ApprovedDiamondAsync(Ct);
        using (var anonymous = site.CreateClient())
        {
            foreach (var path in new[] { $"/projects/{project}", $"/projects/{project}/tasks/a" })
            {
                using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
            }
        }

        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        var page = browser.Page;
        var unknown = Guid.NewGuid();

        await browser.GotoAsync($"projects/{unknown}");
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync($"No project has the id {unknown}.");
        await Expect(page.GetByTestId("run-summary")).ToHaveCountAsync(0);

        // Not an id at all: no page has that address.
        using (var viewer = site.CreateClient())
        {
            await AdminSite.RegisterAsync(viewer, "bob", Password, Ct);
            using var response = await viewer.GetAsync(new Uri("/projects/not-a-guid", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("There is no page at this address.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await browser.GotoAsync($"projects/{unknown}/tasks/a");
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync($"No project has the id {unknown}.");

        await browser.GotoAsync($"projects/{project}/tasks/nope");
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync($"No task has the id 'nope' of an approved plan of project {project}.");

        await browser.GotoAsync($"projects/{project}/tasks/{new string('k', 300)}");
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync("task_id: is 300 characters long; at most 200 are allowed.");

        await browser.GotoAsync($"projects/{project}/tasks/{Uri.EscapeDataString("<script>alert(1)</script>")}");
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync("No task has the id '<script>alert(1)</script>'");

        // The live page says the same once its circuit runs.
        await browser.GotoAsync($"projects/{unknown}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync($"No project has the id {unknown}.");
        browser.AssertNoErrors();
    }
}
