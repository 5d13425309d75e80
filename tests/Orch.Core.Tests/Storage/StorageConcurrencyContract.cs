using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;
using Orch.Testing;
using static Orch.Core.Tests.Storage.StorageSamples;

namespace Orch.Core.Tests.Storage;

/// <summary>Concurrent writers get a conflict on a stale row, and a compare-and-set claim has exactly one winner; the same test code runs on SQLite and on PostgreSQL.</summary>
public abstract class StorageConcurrencyContract(StoreKind kind)
{
    protected StoreKind Kind { get; } = kind;

    protected static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Project_ConcurrentUpdates_SecondWriterGetsConflict()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var project = await AddProjectAsync(store);
        await using var first = store.Db();
        await using var second = store.Db();
        var a = await first.Projects.SingleAsync(p => p.Id == project.Id, Ct);
        var b = await second.Projects.SingleAsync(p => p.Id == project.Id, Ct);

        a.TransitionTo(ProjectStatus.Approved, store.Clock.GetUtcNow());
        await first.SaveChangesAsync(Ct);
        b.TransitionTo(ProjectStatus.Cancelled, store.Clock.GetUtcNow());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        await using var check = store.Db();
        var stored = await check.Projects.SingleAsync(p => p.Id == project.Id, Ct);
        Assert.Equal(ProjectStatus.Approved, stored.Status);
        Assert.Equal(1, stored.RowVersion);
    }

    [Fact]
    public async Task PlanTask_ConcurrentUpdates_SecondWriterGetsConflict()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var (_, task) = await AddTaskAsync(store);
        await using var first = store.Db();
        await using var second = store.Db();
        var a = await first.PlanTasks.SingleAsync(t => t.Id == task.Id, Ct);
        var b = await second.PlanTasks.SingleAsync(t => t.Id == task.Id, Ct);

        a.TransitionTo(PlanTaskStatus.Ready, store.Clock.GetUtcNow());
        a.TransitionTo(PlanTaskStatus.Running, store.Clock.GetUtcNow());
        await first.SaveChangesAsync(Ct);
        b.TransitionTo(PlanTaskStatus.Skipped, store.Clock.GetUtcNow());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        await using var check = store.Db();
        var stored = await check.PlanTasks.SingleAsync(t => t.Id == task.Id, Ct);
        Assert.Equal((PlanTaskStatus.Running, 1, 1L), (stored.Status, stored.Attempts, stored.RowVersion));
    }

    [Fact]
    public async Task TaskRunAndReservation_ConcurrentUpdates_SecondWriterGetsConflict()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var (project, task) = await AddTaskAsync(store);
        var now = store.Clock.GetUtcNow();
        var run = new TaskRun(Guid.CreateVersion7(), project.Id, task.Id, 1, now);
        var reservation = new BudgetReservation(Guid.CreateVersion7(), 5_000, now, now.AddMinutes(5), project.Id, run.Id);
        await using (var db = store.Db())
        {
            db.AddRange(run, reservation);
            await db.SaveChangesAsync(Ct);
        }

        await using var first = store.Db();
        await using var second = store.Db();
        var runA = await first.TaskRuns.SingleAsync(r => r.Id == run.Id, Ct);
        var runB = await second.TaskRuns.SingleAsync(r => r.Id == run.Id, Ct);
        var resA = await first.BudgetReservations.SingleAsync(r => r.Id == reservation.Id, Ct);
        var resB = await second.BudgetReservations.SingleAsync(r => r.Id == reservation.Id, Ct);
        runA.Start("node-a", null, null, null, now);
        resA.Commit(1_000, now);
        await first.SaveChangesAsync(Ct);
        runB.Start("node-b", null, null, null, now);
        resB.Release(now);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        await using var check = store.Db();
        Assert.Equal("node-a", (await check.TaskRuns.SingleAsync(r => r.Id == run.Id, Ct)).Worker);
        Assert.Equal(ReservationStatus.Committed, (await check.BudgetReservations.SingleAsync(r => r.Id == reservation.Id, Ct)).Status);
    }

    [Fact]
    public async Task CompareAndSet_ManyConcurrentClaims_ExactlyOneWins()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var (project, task) = await AddTaskAsync(store);
        var run = new TaskRun(Guid.CreateVersion7(), project.Id, task.Id, 1, store.Clock.GetUtcNow());
        await using (var db = store.Db())
        {
            db.TaskRuns.Add(run);
            await db.SaveChangesAsync(Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            await using var db = store.Db();
            return await db.TaskRuns
                .Where(r => r.Id == run.Id && r.Status == RunStatus.Enqueued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.Worker, $"worker-{worker}").BumpRowVersion(), Ct);
        }));

        Assert.Equal(1, claims.Sum());
        await using var check = store.Db();
        var stored = await check.TaskRuns.SingleAsync(r => r.Id == run.Id, Ct);
        Assert.Equal(RunStatus.Running, stored.Status);
        Assert.Equal($"worker-{Array.IndexOf(claims, 1)}", stored.Worker);
        Assert.Equal(1, stored.RowVersion);
    }
}
