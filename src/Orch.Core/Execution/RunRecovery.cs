using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Takes back what dead nodes left behind: runs whose lease expired are interrupted and their tasks
/// put back (a bounded number of times), their held reservations released; reservations nobody
/// settled expire; a running project that can no longer progress is ended. Runs under a live lease —
/// a live node's, or an external worker's — are left alone.
/// </summary>
public sealed partial class RunRecovery(
    IDbContextFactory<OrchDbContext> contextFactory,
    GroupCommit commits,
    TaskStateStore store,
    TaskProgress progress,
    BudgetLedger ledger,
    DispatchSignal signal,
    IOptionsMonitor<ExecutionOptions> options,
    TimeProvider clock,
    ILogger<RunRecovery> logger)
{
    private const int Batch = 200;

    /// <summary>Returns how many runs were taken back.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var recovered = 0;
        List<Guid> lost;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            lost = await db.TaskRuns.Where(r => r.Status == RunStatus.Running && r.LeaseExpiresAt < now)
                .OrderBy(r => r.LeaseExpiresAt).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
        }

        foreach (var runId in lost)
        {
            if (await InterruptAsync(runId, cancellationToken))
            {
                recovered++;
            }

            await ReleaseHeldAsync(runId, cancellationToken);
        }

        await ledger.ReleaseExpiredAsync(cancellationToken);
        await SettleStalledAsync(cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(logger, recovered);
            signal.Notify();
        }

        return recovered;
    }

    private Task<bool> InterruptAsync(Guid runId, CancellationToken cancellationToken) =>
        commits.RunAsync(async (db, ct) =>
        {
            var run = await db.TaskRuns.SingleAsync(r => r.Id == runId, ct);
            var now = clock.GetUtcNow();
            if (run.Status != RunStatus.Running || run.LeaseExpiresAt >= now)
            {
                return false;
            }

            var task = await db.PlanTasks.SingleAsync(t => t.Id == run.PlanTaskId, ct);
            var reason = $"lease of {run.Worker} expired at {run.LeaseExpiresAt:O}";
            if (task.Status is PlanTaskStatus.Running or PlanTaskStatus.Verifying)
            {
                await store.InterruptAsync(db, task, run, reason, options.CurrentValue.MaxInterruptions, now, ct);
                await progress.SettleProjectAsync(db, task.ProjectId, task.PlanId, now, ct);
            }
            else
            {
                // The task moved on without it (cancelled, skipped): only the run is closed.
                run.Interrupt(reason, now);
            }

            return true;
        }, cancellationToken);

    private async Task ReleaseHeldAsync(Guid runId, CancellationToken cancellationToken)
    {
        List<Guid> held;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            held = await db.BudgetReservations.Where(r => r.TaskRunId == runId && r.Status == ReservationStatus.Held).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in held)
        {
            try
            {
                await ledger.ReleaseAsync(id, cancellationToken);
            }
            catch (InvalidTransitionException)
            {
                // Settled meanwhile.
            }
        }
    }

    /// <summary>A crash between two writes can leave a running project with nothing moving; this ends it.</summary>
    private async Task SettleStalledAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var active = new[] { PlanTaskStatus.Ready, PlanTaskStatus.Running, PlanTaskStatus.Verifying, PlanTaskStatus.Review };
        var stalled = await (from project in db.Projects
                             where project.Status == ProjectStatus.Running
                             join plan in db.Plans on project.Id equals plan.ProjectId
                             where plan.Status == PlanStatus.Approved
                             where !db.PlanTasks.Any(t => t.PlanId == plan.Id && active.Contains(t.Status))
                             select new { ProjectId = project.Id, PlanId = plan.Id }).Take(Batch).ToListAsync(cancellationToken);
        foreach (var item in stalled)
        {
            await commits.RunAsync(async (write, ct) =>
            {
                await progress.SettleProjectAsync(write, item.ProjectId, item.PlanId, clock.GetUtcNow(), ct);
                return true;
            }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery took back {Count} runs of nodes that stopped")]
    private static partial void LogRecovered(ILogger logger, int count);
}
