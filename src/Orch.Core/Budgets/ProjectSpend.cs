using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Budgets;

/// <summary>
/// What projects have spent, from the ledger's per-project counters: each is the project's recorded usage,
/// summed as every call is committed (in the same transaction), so one row per project is read rather than
/// every call it ever made.
/// </summary>
internal static class ProjectSpend
{
    private const string Prefix = "project:";

    /// <summary>Spent micro-dollars by project, for every project that spent anything (or only <paramref name="projects"/>).</summary>
    public static async Task<Dictionary<Guid, long>> ReadAsync(OrchDbContext db, IReadOnlyCollection<Guid>? projects, CancellationToken cancellationToken)
    {
        var query = db.BudgetCounters.AsNoTracking();
        if (projects is null)
        {
            query = query.Where(c => c.Scope.StartsWith(Prefix));
        }
        else
        {
            var scopes = projects.Select(BudgetScopes.Project).ToList();
            query = query.Where(c => scopes.Contains(c.Scope));
        }

        var counters = await query.Select(c => new { c.Scope, c.SpentMicros }).ToListAsync(cancellationToken);
        var spent = new Dictionary<Guid, long>(counters.Count);
        foreach (var counter in counters)
        {
            if (Guid.TryParse(counter.Scope.AsSpan(Prefix.Length), out var project))
            {
                spent[project] = counter.SpentMicros;
            }
        }

        return spent;
    }
}
