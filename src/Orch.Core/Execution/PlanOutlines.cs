using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// The fixed part of each plan version's tasks (<see cref="TaskOutline"/>), in plan order, read once per plan.
/// A stored version is never rewritten (a revision makes a new one), so status, which asks every few seconds
/// while a run goes on, reads only what moves — states, attempts, times — and not titles and dependency lists
/// a thousand times over.
/// </summary>
public sealed class PlanOutlines
{
    private const int MaxCached = 64;
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<TaskOutline>> outlines = new();

    public async Task<IReadOnlyList<TaskOutline>> GetAsync(OrchDbContext db, Guid planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (outlines.TryGetValue(planId, out var cached))
        {
            return cached;
        }

        var rows = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.Position)
            .Select(t => new { t.Id, t.Key, t.Title, DependsOn = EF.Property<List<string>>(t, "dependsOn") })
            .ToListAsync(cancellationToken);
        IReadOnlyList<TaskOutline> outline = [.. rows.Select(r => new TaskOutline(r.Id, r.Key, r.Title, r.DependsOn))];
        if (outlines.Count >= MaxCached)
        {
            outlines.Clear();
        }

        return outlines.GetOrAdd(planId, outline);
    }
}
