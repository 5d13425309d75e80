using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Budgets;

/// <summary>Reads recorded model calls back as a spend report.</summary>
public sealed class UsageReader(IDbContextFactory<OrchDbContext> contextFactory, BudgetLedger ledger, TimeProvider clock)
{
    public const int MaxDays = 366;

    /// <summary>The last <paramref name="days"/> days (UTC, today included).</summary>
    public async Task<UsageReport> ReadAsync(int days, CancellationToken cancellationToken)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new InvalidInputException("days", $"must be between 1 and {MaxDays} (was {days}).");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days);
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calls = await db.UsageRecords.AsNoTracking().Where(u => u.OccurredAt >= since)
            .Select(u => new { u.OccurredAt, u.Provider, u.Model, u.Tier, u.ProjectId, u.InputTokens, u.OutputTokens, u.CostMicros })
            .ToListAsync(cancellationToken);
        var ids = calls.Where(c => c.ProjectId is not null).Select(c => c.ProjectId!.Value).Distinct().ToList();
        var names = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        UsageLine Line(string name, IEnumerable<(long In, long Out, long Cost)> group)
        {
            var list = group.ToList();
            return new UsageLine(name, list.Count, list.Sum(c => c.In), list.Sum(c => c.Out), Money.ToUsd(list.Sum(c => c.Cost)));
        }

        IReadOnlyList<UsageLine> Group(Func<int, string> key) =>
            [.. Enumerable.Range(0, calls.Count).GroupBy(key).Select(g => Line(g.Key, g.Select(i => (calls[i].InputTokens, calls[i].OutputTokens, calls[i].CostMicros)))).OrderByDescending(l => l.CostUsd).ThenBy(l => l.Name, StringComparer.Ordinal)];

        var byDay = Group(i => calls[i].OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        return new UsageReport(
            from,
            today,
            Money.ToUsd(calls.Sum(c => c.CostMicros)),
            calls.Count,
            byDay,
            Group(i => $"{calls[i].Provider}/{calls[i].Model}"),
            Group(i => calls[i].Tier ?? "(none)"),
            Group(i => calls[i].ProjectId is { } id ? names.GetValueOrDefault(id, id.ToString()) : "(no project)"),
            await ledger.StandingAsync(null, cancellationToken));
    }
}
