using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>Reads a project's run for status: the tasks of its approved plan (or newest plan), their latest attempts and costs.</summary>
public sealed class ProjectRunReader(IDbContextFactory<OrchDbContext> contextFactory, BudgetLedger ledger, PlanOutlines outlines)
{
    /// <summary>A task of the project's approved plan by its key: its output, files and verdict.</summary>
    public async Task<TaskOutputView> ReadOutputAsync(Guid projectId, string key, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var task = await ApprovedTasks.FindAsync(db, projectId, key, cancellationToken);
        var run = await db.TaskRuns.AsNoTracking().Where(r => r.PlanTaskId == task.Id).OrderByDescending(r => r.Attempt).FirstOrDefaultAsync(cancellationToken);
        return new TaskOutputView(task.Id, task.Key, task.Title, task.Status, task.Attempts, task.Output ?? run?.Output, run?.Files ?? [], run?.Verdict, run?.VerdictDetail, task.Error ?? run?.Error);
    }

    public async Task<ProjectRunView> ReadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Open once for the read's seven queries: EF otherwise opens and closes the connection around each,
        // and every opening pays for the connection's settings again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new NotFoundException("project", projectId.ToString());
        var plan = await db.Plans.AsNoTracking().Where(p => p.ProjectId == projectId)
            .OrderByDescending(p => p.Status == PlanStatus.Approved).ThenByDescending(p => p.Version)
            .Select(p => new { p.Id, p.Version }).FirstOrDefaultAsync(cancellationToken);
        // The fixed part of the tasks comes from the cache; only what moves is read, in one narrow query.
        var outline = plan is null ? [] : await outlines.GetAsync(db, plan.Id, cancellationToken);
        var states = plan is null ? [] : await StatesOf(db, plan.Id).ToListAsync(cancellationToken);
        var stateOf = states.ToDictionary(s => s.Id);
        var runs = await AttemptsOf(db, projectId).ToListAsync(cancellationToken);
        // One pass: each task's latest attempt (its tier and model) and the cost of all its attempts.
        var byTask = new Dictionary<Guid, (int Attempt, string? Tier, string? Model, long Cost)>(stateOf.Count);
        foreach (var r in runs)
        {
            if (!stateOf.ContainsKey(r.PlanTaskId))
            {
                continue;
            }

            byTask[r.PlanTaskId] = byTask.TryGetValue(r.PlanTaskId, out var seen)
                ? (r.Attempt > seen.Attempt ? (r.Attempt, r.Tier, r.Model, seen.Cost + r.CostMicros) : seen with { Cost = seen.Cost + r.CostMicros })
                : (r.Attempt, r.Tier, r.Model, r.CostMicros);
        }

        var views = new List<TaskRunView>(outline.Count);
        var counts = new Dictionary<PlanTaskStatus, int>();
        foreach (var t in outline)
        {
            var state = stateOf[t.Id];
            var run = byTask.TryGetValue(t.Id, out var found) ? found : ((int Attempt, string? Tier, string? Model, long Cost)?)null;
            views.Add(new TaskRunView(t.Id, t.Key, t.Title, state.Status, run?.Tier ?? state.Tier, run?.Model, state.Attempts, Money.ToUsd(run?.Cost ?? 0), t.DependsOn, state.StartedAt, state.CompletedAt, state.Error));
            counts[state.Status] = counts.GetValueOrDefault(state.Status) + 1;
        }

        var sequence = await db.Events.Where(e => e.ProjectId == projectId).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var spent = await BudgetLedger.SpentMicrosAsync(db, projectId, cancellationToken);
        var caps = await ledger.StandingAsync(db, projectId, cancellationToken);
        return new ProjectRunView(
            project.Id,
            project.Name,
            project.Status,
            project.StatusReason,
            plan?.Id,
            plan?.Version,
            Money.ToUsd(spent),
            project.BudgetMicros is { } budget ? Money.ToUsd(budget) : null,
            caps,
            counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
            views,
            sequence);
    }

    /// <summary>What moves in a plan's tasks; read from the covering index ix_plan_tasks_plan_state on SQLite.</summary>
    internal static IQueryable<TaskState> StatesOf(OrchDbContext db, Guid planId) =>
        db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId)
            .Select(t => new TaskState(t.Id, t.Status, t.Tier, t.Attempts, t.StartedAt, t.CompletedAt, t.Error));

    /// <summary>Every attempt's tier, model and cost in a project; read from the covering index ix_task_runs_project_cost on SQLite.</summary>
    internal static IQueryable<AttemptCost> AttemptsOf(OrchDbContext db, Guid projectId) =>
        db.TaskRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
            .Select(r => new AttemptCost(r.PlanTaskId, r.Attempt, r.Tier, r.Model, r.CostMicros));

    internal sealed record TaskState(Guid Id, PlanTaskStatus Status, string? Tier, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Error);

    internal sealed record AttemptCost(Guid PlanTaskId, int Attempt, string? Tier, string? Model, long CostMicros);
}
