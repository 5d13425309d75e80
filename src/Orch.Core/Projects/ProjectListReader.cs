using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Projects;

/// <summary>
/// Reads every project as the list of projects shows it, in four queries whatever their number: the projects
/// with their last event, the plan versions that matter (the newest and the approved one), the task counts of
/// those versions by status, and the spend counters.
/// </summary>
public sealed class ProjectListReader(IDbContextFactory<OrchDbContext> contextFactory)
{
    /// <summary>Every project, the one with the most recent activity first.</summary>
    public async Task<IReadOnlyList<ProjectListItem>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        // The last event of each project: one step down the (project, sequence) index per project.
        var projects = await db.Projects.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Status,
                p.StatusReason,
                p.BudgetMicros,
                p.UpdatedAt,
                LastEventAt = db.Events.Where(e => e.ProjectId == p.Id).OrderByDescending(e => e.Sequence).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var versions = await RelevantPlans(db)
            .Select(p => new { p.Id, p.ProjectId, p.Version, p.Status })
            .ToListAsync(cancellationToken);

        var counts = await (from t in db.PlanTasks.AsNoTracking()
                            join p in RelevantPlans(db) on t.PlanId equals p.Id
                            group t by new { t.PlanId, t.Status } into g
                            select new { g.Key.PlanId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var spent = await ProjectSpend.ReadAsync(db, null, cancellationToken);

        var tasksByPlan = counts.ToLookup(c => c.PlanId);
        var plansByProject = versions.ToLookup(v => v.ProjectId);
        return [.. projects
            .Select(p =>
            {
                var plans = plansByProject[p.Id].ToList();
                var newest = plans.MaxBy(v => v.Version);
                // The approved version is the one that runs; before there is one, the newest draft shows its size.
                var counted = plans.FirstOrDefault(v => v.Status == PlanStatus.Approved) ?? newest;
                var progress = counted is null ? ProjectProgress.None : Progress(tasksByPlan[counted.Id].Select(c => (c.Status, c.Count)));
                var lastActivity = p.LastEventAt is { } at && at > p.UpdatedAt ? at : p.UpdatedAt;
                return new ProjectListItem(
                    p.Id,
                    p.Name,
                    p.Status,
                    p.StatusReason,
                    newest?.Version,
                    newest?.Status,
                    progress,
                    Money.ToUsd(spent.GetValueOrDefault(p.Id)),
                    p.BudgetMicros is { } budget ? Money.ToUsd(budget) : null,
                    lastActivity);
            })
            .OrderByDescending(p => p.LastActivityAt)
            .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Each project's newest plan version, and its approved one where that is older.</summary>
    private static IQueryable<Plan> RelevantPlans(OrchDbContext db) =>
        db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Approved
            || p.Version == db.Plans.Where(q => q.ProjectId == p.ProjectId).Max(q => q.Version));

    private static ProjectProgress Progress(IEnumerable<(PlanTaskStatus Status, int Count)> counts)
    {
        int total = 0, finished = 0, running = 0, failed = 0;
        foreach (var (status, count) in counts)
        {
            total += count;
            switch (status)
            {
                case PlanTaskStatus.Completed or PlanTaskStatus.Skipped:
                    finished += count;
                    break;
                case PlanTaskStatus.Running or PlanTaskStatus.Verifying:
                    running += count;
                    break;
                case PlanTaskStatus.Failed or PlanTaskStatus.BudgetExceeded:
                    failed += count;
                    break;
            }
        }

        return new ProjectProgress(total, finished, running, failed);
    }
}
