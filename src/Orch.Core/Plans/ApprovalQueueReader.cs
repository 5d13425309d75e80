using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Storage;

namespace Orch.Core.Plans;

/// <summary>
/// Reads the plans waiting for a person. Only a project's newest version counts: an older draft that a newer
/// version replaced waits for nobody, whatever its status says.
/// </summary>
public sealed class ApprovalQueueReader(IDbContextFactory<OrchDbContext> contextFactory)
{
    /// <summary>The waiting drafts, the one waiting longest first.</summary>
    public async Task<IReadOnlyList<PendingApproval>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var drafts = await (from plan in db.Plans.AsNoTracking()
                            where plan.Status == PlanStatus.Draft
                                && plan.Version == db.Plans.Where(q => q.ProjectId == plan.ProjectId).Max(q => q.Version)
                            join project in db.Projects.AsNoTracking() on plan.ProjectId equals project.Id
                            orderby plan.CreatedAt, plan.Id
                            select new
                            {
                                plan.Id,
                                plan.ProjectId,
                                project.Name,
                                plan.Version,
                                plan.Source,
                                plan.Summary,
                                Tasks = db.PlanTasks.Count(t => t.PlanId == plan.Id),
                                plan.EstimatedCostMicros,
                                project.BudgetMicros,
                                plan.CreatedAt,
                            })
            .ToListAsync(cancellationToken);
        if (drafts.Count == 0)
        {
            return [];
        }

        var spent = await ProjectSpend.ReadAsync(db, [.. drafts.Select(d => d.ProjectId)], cancellationToken);
        return [.. drafts.Select(d => new PendingApproval(
            d.Id,
            d.ProjectId,
            d.Name,
            d.Version,
            d.Source,
            d.Summary,
            d.Tasks,
            Money.ToUsd(d.EstimatedCostMicros),
            d.BudgetMicros is { } budget ? Money.ToUsd(budget) : null,
            Money.ToUsd(spent.GetValueOrDefault(d.ProjectId)),
            d.CreatedAt))];
    }
}
