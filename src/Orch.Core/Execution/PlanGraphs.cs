using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>The dependency graphs of the plans being executed, read once each from the database.</summary>
public sealed class PlanGraphs
{
    private const int MaxCached = 256;
    private readonly ConcurrentDictionary<Guid, PlanGraph> graphs = new();

    public async Task<PlanGraph> GetAsync(OrchDbContext db, Guid planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (graphs.TryGetValue(planId, out var cached))
        {
            return cached;
        }

        var rows = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId)
            .Select(t => new { t.Key, DependsOn = EF.Property<List<string>>(t, "dependsOn") })
            .ToListAsync(cancellationToken);
        var graph = new PlanGraph(planId, rows.Select(r => (r.Key, (IReadOnlyList<string>)r.DependsOn)));
        if (graphs.Count >= MaxCached)
        {
            graphs.Clear();
        }

        return graphs.GetOrAdd(planId, graph);
    }
}
