using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>Reads a project's run for status: the tasks of its approved plan (or newest plan), their latest attempts and costs.</summary>
public sealed class ProjectRunReader(IDbContextFactory<OrchDbContext> contextFactory, BudgetLedger ledger)
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
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new NotFoundException("project", projectId.ToString());
        var plan = await db.Plans.AsNoTracking().Where(p => p.ProjectId == projectId)
            .OrderByDescending(p => p.Status == PlanStatus.Approved).ThenByDescending(p => p.Version)
            .Select(p => new { p.Id, p.Version }).FirstOrDefaultAsync(cancellationToken);
        var tasks = plan is null
            ? []
            : await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.Id).ToHashSet();
        var runs = await db.TaskRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
            .Select(r => new { r.PlanTaskId, r.Attempt, r.Tier, r.Model, r.CostMicros }).ToListAsync(cancellationToken);
        var byTask = runs.Where(r => ids.Contains(r.PlanTaskId)).GroupBy(r => r.PlanTaskId).ToDictionary(g => g.Key, g => (Latest: g.MaxBy(r => r.Attempt)!, Cost: g.Sum(r => r.CostMicros)));
        var views = tasks.Select(t =>
        {
            var run = byTask.GetValueOrDefault(t.Id);
            return new TaskRunView(t.Id, t.Key, t.Title, t.Status, run.Latest?.Tier ?? t.Tier, run.Latest?.Model, t.Attempts, Money.ToUsd(run.Cost), t.DependsOn, t.StartedAt, t.CompletedAt, t.Error);
        }).ToList();
        var sequence = await db.Events.Where(e => e.ProjectId == projectId).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var spent = await ledger.SpentMicrosAsync(projectId, cancellationToken);
        return new ProjectRunView(
            project.Id,
            project.Name,
            project.Status,
            project.StatusReason,
            plan?.Id,
            plan?.Version,
            Money.ToUsd(spent),
            project.BudgetMicros is { } budget ? Money.ToUsd(budget) : null,
            await ledger.StandingAsync(projectId, cancellationToken),
            views.GroupBy(v => v.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            views,
            sequence);
    }
}
