using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Tests.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>The rules learned from the failures of similar systems, each shown against a scripted model over real HTTP.</summary>
public sealed class EngineRulesTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task OneBranchFailing_DoesNotHoldBackTheOther_AndTheProjectFailsNamingTheTask()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        model.Answer = call => call.For("a") ? OpenAiWire.Error(400, "invalid_request_error", "refused") : ScriptedModel.Text("done");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a"), TestPlans.Task("b", "a"), TestPlans.Task("c"), TestPlans.Task("d", "c")), Ct);

        var view = await engine.WaitForEndAsync(project, Ct);

        Assert.Equal(ProjectStatus.Failed, view.Status);
        Assert.Contains("'a'", view.StatusReason, StringComparison.Ordinal);
        var states = view.Tasks.ToDictionary(t => t.Key, t => t.Status);
        Assert.Equal(PlanTaskStatus.Failed, states["a"]);
        Assert.Equal(PlanTaskStatus.Blocked, states["b"]);
        Assert.Equal((PlanTaskStatus.Completed, PlanTaskStatus.Completed), (states["c"], states["d"]));
        Assert.Equal(1, view.Tasks.Single(t => t.Key == "a").Attempts);
        Assert.DoesNotContain(model.Calls, c => c.For("b"));

        // Retrying the failed task reopens the project; what it blocked then runs.
        model.Answer = _ => ScriptedModel.Text("done");
        var retry = await engine.Get<ExecutionService>().RetryTaskAsync(view.Tasks.Single(t => t.Key == "a").Id, "tester", Ct);
        Assert.Equal(ProjectStatus.Running, retry.ProjectStatus);
        var after = await engine.WaitForEndAsync(project, Ct);
        Assert.Equal(ProjectStatus.Completed, after.Status);
        Assert.Equal(2, after.Tasks.Single(t => t.Key == "a").Attempts);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedWithBackoff_UntilTheTaskSucceeds()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        var failures = 2;
        model.Answer = call => Interlocked.Decrement(ref failures) >= 0 ? OpenAiWire.Error(503, "server_error", "overloaded") : ScriptedModel.Text("done");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a")), Ct);

        var view = await engine.WaitForEndAsync(project, Ct);

        Assert.Equal(ProjectStatus.Completed, view.Status);
        Assert.Equal(3, view.Tasks.Single().Attempts);
        await using var db = engine.Db();
        var log = await EventLog.ReadAsync(db, project, Ct);
        Assert.Equal(2, log.Of(EventTypes.TaskRetrying).Count());
    }

    [Fact]
    public async Task AModelCallingToolsForever_StopsAtTheRoundLimit_RecordedAsSuch()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        model.Answer = _ => ScriptedModel.ToolCall("list_files", "{}");
        var settings = model.Settings();
        settings["Orch:Execution:MaxToolRounds"] = "4";
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, settings);
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Checked("a", ["lists the files"], ["list_files"])), Ct);

        var view = await engine.WaitForEndAsync(project, Ct);

        var task = view.Tasks.Single();
        Assert.Equal(PlanTaskStatus.Failed, task.Status);
        Assert.Contains("tool round limit (4", task.Error, StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Failed, view.Status);
        await using var db = engine.Db();
        var run = await db.TaskRuns.SingleAsync(r => r.ProjectId == project, Ct);
        Assert.Equal((RunStatus.Failed, 4), (run.Status, run.Rounds));
        Assert.Equal(4, await db.UsageRecords.CountAsync(u => u.TaskRunId == run.Id, Ct));
        Assert.Equal(4, model.Calls.Count);
    }

    [Fact]
    public async Task Cancelling_StopsARunningModelCall_WithinOneSecond_AndReleasesItsReservation()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        model.Answer = _ => ScriptedModel.Text("late").After(TimeSpan.FromSeconds(30));
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a"), TestPlans.Task("b", "a")), Ct);
        await WaitUntilAsync(async () => model.Calls.Count == 1 && await HeldAsync(engine) == 1);

        var started = Stopwatch.GetTimestamp();
        var result = await engine.Get<ExecutionService>().CancelAsync(project, "tester", Ct);
        await WaitUntilAsync(async () =>
        {
            await using var db = engine.Db();
            return await db.TaskRuns.AnyAsync(r => r.ProjectId == project && r.Status == RunStatus.Cancelled, Ct) && await HeldAsync(engine) == 0;
        });
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.True(result.Changed);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"stopped after {elapsed.TotalMilliseconds:F0} ms");
        var view = await engine.Get<ProjectRunReader>().ReadAsync(project, Ct);
        Assert.Equal(ProjectStatus.Cancelled, view.Status);
        Assert.All(view.Tasks, t => Assert.Equal(PlanTaskStatus.Cancelled, t.Status));
        await using var check = engine.Db();
        Assert.Equal(0, await check.UsageRecords.CountAsync(u => u.ProjectId == project, Ct));
    }

    [Fact]
    public async Task Gaps_AreRetriedWithTheFeedbackOnAHigherTier_ThenWaitForAPerson_WhoseAcceptResumesTheRun()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        model.Answer = call => call.IsJudge ? ScriptedModel.Judge("gaps", "the totals are missing") : ScriptedModel.Text("a draft without totals");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Checked("a", ["includes the totals"]), TestPlans.Task("b", "a")), Ct);

        var waiting = await engine.WaitForAsync(project, v => v.Tasks.Any(t => t.Status == PlanTaskStatus.Review), Ct);

        Assert.Equal(ProjectStatus.Running, waiting.Status);
        Assert.Contains("waiting for a person", waiting.StatusReason, StringComparison.Ordinal);
        var work = model.Calls.Where(c => !c.IsJudge).ToList();
        Assert.Equal(["m-local", "m-small"], work.Select(c => c.Model));
        Assert.Contains("the totals are missing", work[1].Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Pending, waiting.Tasks.Single(t => t.Key == "b").Status);

        var task = waiting.Tasks.Single(t => t.Key == "a");
        await engine.Get<ExecutionService>().AcceptTaskAsync(task.Id, "tester", Ct);
        var view = await engine.WaitForEndAsync(project, Ct);

        Assert.Equal(ProjectStatus.Completed, view.Status);
    }

    [Fact]
    public async Task Skip_CountsAsDoneWithAnEmptyOutput_SoDependentsRun_AndTheEventSaysSo()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        model.Answer = call => call.For("a") ? OpenAiWire.Error(400, "invalid_request_error", "refused") : ScriptedModel.Text("done");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a"), TestPlans.Task("b", "a")), Ct);
        var failed = await engine.WaitForEndAsync(project, Ct);
        Assert.Equal(ProjectStatus.Failed, failed.Status);

        var result = await engine.Get<ExecutionService>().SkipTaskAsync(failed.Tasks.Single(t => t.Key == "a").Id, "tester", Ct);
        var view = await engine.WaitForEndAsync(project, Ct);

        Assert.Contains("counts as done", result.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Completed, view.Status);
        Assert.Equal((PlanTaskStatus.Skipped, PlanTaskStatus.Completed), (view.Tasks[0].Status, view.Tasks[1].Status));
        Assert.Contains("Result of the earlier task 'Task a' (a):", model.Calls.Single(c => c.For("b")).Text, StringComparison.Ordinal);
        await using var db = engine.Db();
        var skipped = await db.Events.SingleAsync(e => e.ProjectId == project && e.Type == EventTypes.TaskSkipped, Ct);
        Assert.Contains("counts as done with an empty output", skipped.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedReservation_StopsTheTaskAndPausesTheProject_NamingTheCapAndTheAmount()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings(inputPrice: 100m, outputPrice: 100m));
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a")), Ct, budgetUsd: 0.01m);

        var view = await engine.WaitForEndAsync(project, Ct);

        Assert.Equal(ProjectStatus.Paused, view.Status);
        Assert.Contains("project", view.StatusReason, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.BudgetExceeded, view.Tasks.Single().Status);
        Assert.Empty(model.Calls);
        await using var db = engine.Db();
        var paused = await db.Events.Where(e => e.ProjectId == project && e.Type == EventTypes.ProjectStatusChanged).OrderBy(e => e.Sequence).LastAsync(Ct);
        Assert.Contains("\"cap\":\"project\"", paused.Payload, StringComparison.Ordinal);
        Assert.Contains("needed_usd", paused.Payload, StringComparison.Ordinal);
        Assert.Equal(0, await db.BudgetReservations.CountAsync(r => r.Status == ReservationStatus.Held, Ct));
    }

    [Fact]
    public async Task AModelWithNoPrice_RefusesToRun_AtStartUp()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        var settings = model.Settings();
        settings.Remove("Orch:Models:Tiers:1:InputUsdPerMillion");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHost.StartAsync(StoreKind.Sqlite, Ct, settings));

        Assert.Contains("Tiers:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelRacingAFinishingTask_NeverEndsWithACancelledTaskCompleted()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        var random = new Random(11);
        model.Answer = _ => ScriptedModel.Text("done").After(TimeSpan.FromMilliseconds(random.Next(0, 40)));
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        for (var round = 0; round < 12; round++)
        {
            var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a")), Ct);
            var running = await engine.WaitForAsync(project, v => v.Tasks[0].Status != PlanTaskStatus.Ready, Ct);
            await Task.Delay(random.Next(0, 60), Ct);

            var cancel = await engine.Get<ExecutionService>().CancelTaskAsync(running.Tasks[0].Id, "tester", Ct);
            var view = await engine.WaitForAsync(project, v => v.Tasks[0].Status is not (PlanTaskStatus.Running or PlanTaskStatus.Verifying), Ct);
            await Task.Delay(100, Ct);
            view = await engine.Get<ProjectRunReader>().ReadAsync(project, Ct);

            Assert.Equal(cancel.Changed ? PlanTaskStatus.Cancelled : PlanTaskStatus.Completed, view.Tasks[0].Status);
            await using var db = engine.Db();
            var log = await EventLog.ReadAsync(db, project, Ct);
            Assert.False(log.Of(EventTypes.TaskCancelled).Any() && log.Of(EventTypes.TaskCompleted).Any(), "a task was both cancelled and completed");
        }
    }

    private static async Task<int> HeldAsync(EngineHost engine)
    {
        await using var db = engine.Db();
        return await db.BudgetReservations.CountAsync(r => r.Status == ReservationStatus.Held, Ct);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            await Task.Delay(10, Ct);
        }
    }
}
