using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>Approved plans run to the end on the offline provider; the same engine on SQLite and PostgreSQL.</summary>
public abstract class EngineContract(StoreKind kind)
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Diamond_Completes_AndNoTaskStartsBeforeEveryDependencyCompleted()
    {
        await using var engine = await EngineHost.StartAsync(kind, Ct);
        var project = await engine.RunPlanAsync(TestPlans.Diamond(), Ct);

        var view = await engine.WaitForEndAsync(project, Ct);

        Assert.Equal(ProjectStatus.Completed, view.Status);
        Assert.All(view.Tasks, t => Assert.Equal(PlanTaskStatus.Completed, t.Status));
        await using var db = engine.Db();
        AssertDependenciesFirst(await EventLog.ReadAsync(db, project, Ct), TestPlans.Diamond());
        Assert.Equal(4, await db.UsageRecords.CountAsync(u => u.ProjectId == project && u.Purpose == UsagePurpose.Execution, Ct));
        Assert.Equal(0, await db.BudgetReservations.CountAsync(r => r.Status == ReservationStatus.Held, Ct));
    }

    [Fact]
    public async Task RandomGraphOf200_Completes_InDependencyOrder_WithinTheConcurrencyLimits()
    {
        await using var engine = await EngineHost.StartAsync(kind, Ct, new Dictionary<string, string?>
        {
            ["Orch:Execution:MaxConcurrentTasks"] = "6",
            ["Orch:Execution:MaxConcurrentTasksPerProject"] = "3",
            ["Orch:Models:Providers:offline:SimulatedLatencyMs"] = "5",
        });
        var plan = TestPlans.Random(200, seed: 7);
        var first = await engine.RunPlanAsync(plan, Ct);
        var second = await engine.RunPlanAsync(TestPlans.Random(40, seed: 8), Ct);

        var view = await engine.WaitForEndAsync(first, Ct);
        await engine.WaitForEndAsync(second, Ct);

        Assert.Equal(ProjectStatus.Completed, view.Status);
        Assert.Equal(200, view.Tasks.Count(t => t.Status == PlanTaskStatus.Completed));
        await using var db = engine.Db();
        var log = await EventLog.ReadAsync(db, first, Ct);
        AssertDependenciesFirst(log, plan);
        Assert.InRange(log.MaxConcurrent(), 1, 3);
        var everything = new EventLog(await db.Events.AsNoTracking().Where(e => e.ProjectId == first || e.ProjectId == second).OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.InRange(everything.MaxConcurrentAcrossProjects(), 1, 6);
        Assert.All(view.Tasks, t => Assert.Equal(1, t.Attempts));
    }

    [Fact]
    public async Task ExecutingAnUnapprovedPlan_OrACancelledProject_IsRefusedClearly_AndChangesNothing()
    {
        await using var engine = await EngineHost.StartAsync(kind, Ct);
        var draft = await engine.RunPlanAsync(TestPlans.Diamond(), Ct, execute: false);
        await using (var db = engine.Db())
        {
            var plan = await db.Plans.SingleAsync(p => p.ProjectId == draft, Ct);
            Assert.Equal(PlanStatus.Approved, plan.Status);
        }

        var unapproved = await engine.Get<ProjectService>().CreateAsync(new NewProject("no plan"), Ct);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => engine.Get<ExecutionService>().ExecuteAsync(unapproved.Id, "tester", Ct));
        Assert.Contains("no approved plan", error.Message, StringComparison.Ordinal);

        await engine.Get<ExecutionService>().CancelAsync(draft, "tester", Ct);
        long events;
        await using (var db = engine.Db())
        {
            events = await db.Events.CountAsync(Ct);
        }

        error = await Assert.ThrowsAsync<InvalidInputException>(() => engine.Get<ExecutionService>().ExecuteAsync(draft, "tester", Ct));
        Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
        var again = await engine.Get<ExecutionService>().CancelAsync(draft, "tester", Ct);
        Assert.False(again.Changed);
        Assert.Contains("already cancelled", again.Message, StringComparison.Ordinal);
        await using (var db = engine.Db())
        {
            Assert.Equal(0, await db.TaskRuns.CountAsync(r => r.ProjectId == draft, Ct));
            // Only the no-op's own record was appended.
            Assert.Equal(events + 1, await db.Events.CountAsync(Ct));
        }
    }

    [Fact]
    public async Task BudgetRace_FiftyTasksAtOnce_WhoseWorstCasesAreTwiceTheCap_NeverSpendPastIt()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        // Every answer costs what was reserved for it: the full output allowance.
        model.Answer = _ => ScriptedModel.Text("done", promptTokens: 10, completionTokens: 1000);
        var settings = model.Settings(inputPrice: 1m, outputPrice: 1000m, maxOutputTokens: 1000);
        settings["Orch:Execution:MaxConcurrentTasks"] = "50";
        settings["Orch:Execution:MaxConcurrentTasksPerProject"] = "50";
        // The project's cap is the one that binds.
        settings["Orch:Budget:DailyCapUsd"] = "1000";
        settings["Orch:Budget:MonthlyCapUsd"] = "1000";
        await using var engine = await EngineHost.StartAsync(kind, Ct, settings);
        var project = await engine.RunPlanAsync(TestPlans.With([.. Enumerable.Range(0, 50).Select(i => TestPlans.Task($"t{i}"))]), Ct, budgetUsd: 25m);

        var view = await engine.WaitForAsync(project, v => v.Status != ProjectStatus.Running && !v.Tasks.Any(t => t.Status is PlanTaskStatus.Running or PlanTaskStatus.Verifying), Ct);

        Assert.Equal(ProjectStatus.Paused, view.Status);
        Assert.InRange(view.SpentUsd, 20m, 25m);
        Assert.Contains(view.Tasks, t => t.Status == PlanTaskStatus.BudgetExceeded);
        await using var db = engine.Db();
        var spent = await db.UsageRecords.Where(u => u.ProjectId == project).SumAsync(u => u.CostMicros, Ct);
        Assert.InRange(spent, 1, 25_000_000);
        Assert.Equal(0, await db.BudgetReservations.CountAsync(r => r.Status == ReservationStatus.Held, Ct));
    }

    private static void AssertDependenciesFirst(EventLog log, object plan)
    {
        var completed = log.Of(EventTypes.TaskCompleted).ToDictionary(e => e.Key, e => e.Sequence);
        var started = log.Of(EventTypes.TaskStarted).ToList();
        var dependencies = DependenciesOf(plan);
        Assert.Equal(dependencies.Count, started.Select(s => s.Key).Distinct().Count());
        foreach (var (sequence, key) in started)
        {
            foreach (var dependency in dependencies[key])
            {
                Assert.True(completed.TryGetValue(dependency, out var done) && done < sequence, $"task {key} started (event {sequence}) before its dependency {dependency} completed");
            }
        }
    }

    private static Dictionary<string, string[]> DependenciesOf(object plan)
    {
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(plan));
        return json.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(
            t => t.GetProperty("key").GetString()!,
            t => t.GetProperty("depends_on").EnumerateArray().Select(d => d.GetString()!).ToArray());
    }
}
