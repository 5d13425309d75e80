using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>Reads what a task's dependencies produced, in the order the task names them.</summary>
internal static class DependencyOutputs
{
    public static async Task<IReadOnlyList<DependencyOutput>> ReadAsync(OrchDbContext db, Guid planId, IReadOnlyList<string> dependsOn, CancellationToken cancellationToken)
    {
        if (dependsOn.Count == 0)
        {
            return [];
        }

        var keys = dependsOn.ToList();
        var rows = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId && keys.Contains(t.Key))
            .Select(t => new { t.Key, t.Title, t.Output }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => keys.IndexOf(r.Key)).Select(r => new DependencyOutput(r.Key, r.Title, r.Output ?? string.Empty))];
    }
}
