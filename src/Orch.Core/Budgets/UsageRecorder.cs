using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Budgets;

/// <summary>Writes each model call's usage as soon as the call returns: spend is recorded even when what follows fails.</summary>
public sealed class UsageRecorder(IDbContextFactory<OrchDbContext> contextFactory)
{
    public async Task RecordAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.UsageRecords.Add(record);
        // Not cancellable: a call that was paid for must be recorded even if the caller gave up meanwhile.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>What a project has spent so far, in micro-dollars.</summary>
    public async Task<long> SpentMicrosAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.UsageRecords.Where(u => u.ProjectId == projectId).SumAsync(u => (long?)u.CostMicros, cancellationToken) ?? 0;
    }
}
