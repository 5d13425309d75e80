using Microsoft.Playwright;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// The run view and task detail in a real browser, on runs of the engine in the dashboard's own process: execute
/// and watch without a reload, open a task's log, pause, resume, skip and cancel; what a viewer may not do; and
/// addresses that name nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RunViewTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    private static CancellationToken Ct => TestTimeout.TokenFor(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Operator_Executes_WatchesTasksCompleteWithoutReloading_AndOpensATasksLog()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var work = await PricedWork.OnAsync(site, Ct);
        var projectId = await work.ApproveDiamondAsync(Ct);

        var page = browser.Page;
        await browser.GotoAsync($"projects/{projectId}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Approved");
        await Expect(page.GetByTestId("run-spent")).ToHaveTextAsync("$0.00");
        await Expect(page.GetByTestId("graph-node-a")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.orchNotReloaded = true");

        await page.GetByTestId("execute").ClickAsync();

        // The page follows by itself: every box turns completed, the counts and the spend follow the run.
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            await Expect(page.GetByTestId($"graph-node-{key}")).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 60_000 });
        }

        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("run-progress")).ToHaveTextAsync("4 of 4 tasks finished");
        var (_, cost) = await PricedWork.RecordedCallsAsync(work.Database, Ct);
        Assert.True(cost > 0, "the tiers are priced");
        await Expect(page.GetByTestId("run-spent")).ToHaveTextAsync(PricedWork.Format(cost));
        await Expect(page.GetByTestId("attempt-a-1")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.GetByTestId("task-status-d")).ToHaveTextAsync("completed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.orchNotReloaded === true"), "the run view reloaded");
        Assert.Equal(ProjectStatus.Completed, (await work.RunOfAsync(projectId, Ct)).Status);

        // A task's detail, from its box in the graph: its attempt, its model calls, its output and its log.
        await page.GetByTestId("graph-node-c").Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, $"projects/{projectId}/tasks/c").ToString());
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Completed");
        var calls = page.GetByTestId("attempt-1").GetByTestId("model-calls");
        await Expect(calls).ToContainTextAsync("large");
        await Expect(calls).ToContainTextAsync("$");
        await Expect(page.GetByTestId("task-output")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("task.completed");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Operator_PausesResumesSkipsAndCancels_AndAViewerSeesNoControls()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var work = await PricedWork.OnAsync(site, Ct);
        var waiting = await work.StartWaitingOnTheAssistantAsync(Ct);
        await work.WaitForAsync(waiting, v => v.Tasks.Single(t => t.Key == "a").Status == PlanTaskStatus.Completed, Ct);

        var page = browser.Page;
        await browser.GotoAsync($"projects/{waiting}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await page.GetByTestId("pause").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Paused");
        Assert.Equal(ProjectStatus.Paused, (await work.RunOfAsync(waiting, Ct)).Status);
        await page.GetByTestId("resume").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");

        // The assistant's task, skipped from the table: nothing is left, and the run ends.
        await page.GetByTestId("skip-b").ClickAsync();
        await Expect(page.GetByTestId("task-status-b")).ToHaveTextAsync("skipped");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed");

        // Cancel asks first; keeping the run changes nothing, confirming cancels it.
        var other = await work.StartWaitingOnTheAssistantAsync(Ct);
        await browser.GotoAsync($"projects/{other}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep it running" }).ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the run" }).ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Cancelled");
        Assert.Equal(ProjectStatus.Cancelled, (await work.RunOfAsync(other, Ct)).Status);
        browser.AssertNoErrors();

        // A viewer sees the run but no control at all.
        var third = await work.StartWaitingOnTheAssistantAsync(Ct);
        await browser.SignOutAsync();
        await browser.RegisterAsync("victor", Password);
        await browser.GotoAsync($"projects/{third}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("run-controls")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("skip-b")).ToHaveCountAsync(0);
        await browser.GotoAsync($"projects/{third}/tasks/b");
        await Expect(page.GetByTestId("task-status")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("retry")).ToHaveCountAsync(0);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task UnknownProjectsAndTasks_AreSaidPlainly()
    {
        await using var site = await AdminSite.StartAsync(Ct, PricedWork.Environment());
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("alice", Password);
        await using var work = await PricedWork.OnAsync(site, Ct);
        var projectId = await work.ApproveDiamondAsync(Ct);
        var page = browser.Page;

        var nobody = Guid.NewGuid();
        await browser.GotoAsync($"projects/{nobody}");
        await Expect(page.GetByTestId("project-not-found")).ToContainTextAsync($"No project has the id {nobody}.");
        await browser.GotoAsync($"projects/{nobody}/tasks/a");
        await Expect(page.GetByTestId("task-not-found")).ToContainTextAsync(nobody.ToString());
        await browser.GotoAsync($"projects/{projectId}/tasks/zz");
        await Expect(page.GetByTestId("task-not-found")).ToContainTextAsync("zz");
        await browser.GotoAsync($"projects/{projectId}/tasks/{new string('x', 300)}");
        await Expect(page.GetByTestId("task-not-found")).ToBeVisibleAsync();
        browser.AssertNoErrors();
    }
}
