using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;
using static Orch.Core.Tests.Storage.StorageSamples;

namespace Orch.Core.Tests.Storage;

/// <summary>What is written is read back unchanged, and times compare and sort in the database; the same test code runs on SQLite and on PostgreSQL.</summary>
public abstract class StorageRoundTripContract(StoreKind kind)
{
    protected StoreKind Kind { get; } = kind;

    protected static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Project_RoundTrips()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var id = Guid.CreateVersion7();
        var created = store.Clock.GetUtcNow();
        await using (var db = store.Db())
        {
            db.Projects.Add(new Project(id, "Quarterly report", "Numbers and prose", 12_500_000, created));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            var project = await db.Projects.SingleAsync(p => p.Id == id, Ct);
            Assert.Equal("Quarterly report", project.Name);
            Assert.Equal("Numbers and prose", project.Description);
            Assert.Equal(12_500_000, project.BudgetMicros);
            Assert.Equal(ProjectStatus.Draft, project.Status);
            Assert.Equal(created, project.CreatedAt);
            Assert.Equal(TimeSpan.Zero, project.CreatedAt.Offset);
            Assert.Equal(0, project.RowVersion);
        }
    }

    [Fact]
    public async Task PlanWithTasks_RoundTrips_WithListsEnumsAndNulls()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var project = await AddProjectAsync(store);
        var definitions = new[]
        {
            new PlanTaskDefinition("research", "Find sources", "Look for three sources", TaskKind.Research, TaskComplexity.Low, null, [], ["Three sources", "Each cited"], 5, [], 20_000),
            new PlanTaskDefinition("write", "Write it up", string.Empty, TaskKind.Writing, TaskComplexity.High, "large", ["read_file", "write_file"], [], -3, ["research"], 1_500_000),
        };
        var plan = new Plan(Guid.CreateVersion7(), project.Id, 1, PlanSource.Workflow, "Write a report", "Two steps", null, definitions, Guid.CreateVersion7, store.Clock.GetUtcNow());
        await using (var db = store.Db())
        {
            db.Plans.Add(plan);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            var loaded = await db.Plans.Include(p => p.Tasks).SingleAsync(p => p.Id == plan.Id, Ct);
            Assert.Equal(1, loaded.Version);
            Assert.Equal(PlanStatus.Draft, loaded.Status);
            Assert.Equal(PlanSource.Workflow, loaded.Source);
            Assert.Equal("Two steps", loaded.Summary);
            Assert.Null(loaded.BasedOnPlanId);
            Assert.Null(loaded.DecidedAt);
            Assert.Equal(1_520_000, loaded.EstimatedCostMicros);
            var tasks = loaded.Tasks.OrderBy(t => t.Position).Select(t => t.ToDefinition()).ToList();
            Assert.Equal(2, tasks.Count);
            for (var i = 0; i < definitions.Length; i++)
            {
                AssertSameDefinition(definitions[i], tasks[i]);
            }
        }
    }

    [Fact]
    public async Task RunUsageReservationAndEvent_RoundTrip()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var (project, task) = await AddTaskAsync(store);
        var now = store.Clock.GetUtcNow();
        var run = new TaskRun(Guid.CreateVersion7(), project.Id, task.Id, 1, now);
        run.Start("node-a", "small", "anthropic", "claude-haiku", now.AddSeconds(1));
        run.Fail("HTTP 503 from provider", "half an answer", now.AddSeconds(2));
        var usage = new UsageRecord(Guid.CreateVersion7(), UsagePurpose.Execution, "anthropic", "claude-haiku", "small", 1200, 340, 2_150, 812, now, project.Id, task.Id, run.Id, 1);
        var reservation = new BudgetReservation(Guid.CreateVersion7(), 9_000, now, now.AddMinutes(10), project.Id, run.Id);
        reservation.Commit(2_150, now.AddSeconds(3));
        var orchEvent = new OrchEvent("task.failed", now, project.Id, task.Id, "{\"error\":\"HTTP 503\"}");
        await using (var db = store.Db())
        {
            db.AddRange(run, usage, reservation, orchEvent);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            var r = await db.TaskRuns.SingleAsync(x => x.Id == run.Id, Ct);
            Assert.Equal((RunStatus.Failed, "node-a", "small", "anthropic", "claude-haiku", "half an answer", "HTTP 503 from provider"), (r.Status, r.Worker, r.Tier, r.Provider, r.Model, r.Output, r.Error));
            Assert.Equal(now.AddSeconds(1), r.StartedAt);
            Assert.Equal(now.AddSeconds(2), r.EndedAt);

            var u = await db.UsageRecords.SingleAsync(x => x.Id == usage.Id, Ct);
            Assert.Equal((UsagePurpose.Execution, 1200L, 340L, 2_150L, 812L, (int?)1, (Guid?)run.Id), (u.Purpose, u.InputTokens, u.OutputTokens, u.CostMicros, u.LatencyMs, u.Attempt, u.TaskRunId));

            var b = await db.BudgetReservations.SingleAsync(x => x.Id == reservation.Id, Ct);
            Assert.Equal((ReservationStatus.Committed, 9_000L, (long?)2_150), (b.Status, b.AmountMicros, b.SpentMicros));
            Assert.Equal(now.AddMinutes(10), b.ExpiresAt);

            var e = await db.Events.SingleAsync(x => x.Type == "task.failed", Ct);
            Assert.Equal((project.Id, (Guid?)task.Id, "{\"error\":\"HTTP 503\"}"), ((Guid)e.ProjectId!, e.PlanTaskId, e.Payload));
            Assert.True(e.Sequence > 0);
        }
    }

    [Fact]
    public async Task Times_CompareAndSortInTheDatabase()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var start = store.Clock.GetUtcNow();
        await using (var db = store.Db())
        {
            // Inserted out of order, across a day boundary and with sub-second parts.
            foreach (var offset in new[] { 90_000.5, 0.25, 3_600.0, 59.999 })
            {
                db.Events.Add(new OrchEvent("tick", start.AddSeconds(offset), null, null, "{}"));
            }

            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            var cutoff = start.AddSeconds(60);
            var early = await db.Events.Where(e => e.OccurredAt < cutoff).OrderBy(e => e.OccurredAt).Select(e => e.OccurredAt).ToListAsync(Ct);
            Assert.Equal([start.AddSeconds(0.25), start.AddSeconds(59.999)], early);
            var all = await db.Events.OrderByDescending(e => e.OccurredAt).Select(e => e.OccurredAt).ToListAsync(Ct);
            Assert.Equal(all.OrderByDescending(t => t), all);
        }
    }

    [Fact]
    public async Task Events_GetIncreasingSequences_InInsertionOrder()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        for (var batch = 0; batch < 3; batch++)
        {
            await using var db = store.Db();
            for (var i = 0; i < 5; i++)
            {
                db.Events.Add(new OrchEvent("tick", store.Clock.GetUtcNow(), null, null, $"{{\"n\":{(batch * 5) + i}}}"));
            }

            await db.SaveChangesAsync(Ct);
        }

        await using var check = store.Db();
        var payloads = await check.Events.OrderBy(e => e.Sequence).Select(e => e.Payload).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(0, 15).Select(n => $"{{\"n\":{n}}}"), payloads);
    }

    private static void AssertSameDefinition(PlanTaskDefinition expected, PlanTaskDefinition actual)
    {
        Assert.Equal(
            (expected.Key, expected.Title, expected.Description, expected.Kind, expected.Complexity, expected.Tier, expected.Priority, expected.EstimatedCostMicros),
            (actual.Key, actual.Title, actual.Description, actual.Kind, actual.Complexity, actual.Tier, actual.Priority, actual.EstimatedCostMicros));
        Assert.Equal(expected.Tools, actual.Tools);
        Assert.Equal(expected.AcceptanceCriteria, actual.AcceptanceCriteria);
        Assert.Equal(expected.DependsOn, actual.DependsOn);
    }
}
