using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>Reads a task's full log: attempts, model calls and events, for the task detail views.</summary>
public sealed class TaskLogReader(IDbContextFactory<OrchDbContext> contextFactory)
{
    /// <summary>Events shown at most, newest kept: a task looping on tools for hours must not make the log unreadable.</summary>
    public const int MaxEntries = 2_000;

    /// <summary>A task of the project's approved plan, by its key.</summary>
    public async Task<TaskLog> ReadAsync(Guid projectId, string key, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var task = await ApprovedTasks.FindAsync(db, projectId, key, cancellationToken);
        var runs = await db.TaskRuns.AsNoTracking().Where(r => r.PlanTaskId == task.Id).OrderBy(r => r.Attempt).ToListAsync(cancellationToken);
        var calls = await db.UsageRecords.AsNoTracking().Where(u => u.ProjectId == projectId && u.PlanTaskId == task.Id).ToListAsync(cancellationToken);
        var entries = await db.Events.AsNoTracking().Where(e => e.ProjectId == projectId && e.PlanTaskId == task.Id)
            .OrderByDescending(e => e.Sequence).Take(MaxEntries).ToListAsync(cancellationToken);
        return new TaskLog(
            task.Id,
            task.Key,
            task.Title,
            task.Status,
            [.. runs.Select(r => new TaskLogAttempt(r.Id, r.Attempt, r.Status, r.Worker, r.Tier, r.Model, r.StartedAt, r.EndedAt, r.InputTokens, r.OutputTokens, Money.ToUsd(r.CostMicros), r.Verdict, r.VerdictDetail, r.Error))],
            [.. calls.OrderBy(c => c.OccurredAt).Select(c => new TaskLogCall(c.TaskRunId, c.Attempt, c.Purpose.ToString(), c.Provider, c.Model, c.Tier, c.InputTokens, c.OutputTokens, Money.ToUsd(c.CostMicros), c.LatencyMs, c.OccurredAt))],
            [.. entries.OrderBy(e => e.Sequence).Select(e => new TaskLogEntry(e.Sequence, e.OccurredAt, e.Type, e.Payload))]);
    }
}
