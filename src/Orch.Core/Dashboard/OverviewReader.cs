using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Dashboard;

/// <summary>Reads the overview: caps and the month's burn-down, task counts, recent failures, tier savings, throughput.</summary>
public sealed class OverviewReader(IDbContextFactory<OrchDbContext> contextFactory, BudgetLedger ledger, IOptions<ModelOptions> models, TimeProvider clock)
{
    public const int FailuresShown = 10;

    public async Task<Overview> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var since = new DateTimeOffset(Earliest(monthStart, today.AddDays(-6)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calls = await db.UsageRecords.AsNoTracking().Where(u => u.OccurredAt >= since)
            .Select(u => new { u.OccurredAt, u.Tier, u.InputTokens, u.OutputTokens, u.CostMicros }).ToListAsync(cancellationToken);

        var byDay = calls.GroupBy(c => DateOnly.FromDateTime(c.OccurredAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Sum(c => c.CostMicros));
        var monthToDate = new List<DailySpend>();
        long cumulative = 0;
        for (var day = monthStart; day <= today; day = day.AddDays(1))
        {
            var spent = byDay.GetValueOrDefault(day);
            cumulative += spent;
            monthToDate.Add(new DailySpend(day, Money.ToUsd(spent), Money.ToUsd(cumulative)));
        }

        var lastWeek = Enumerable.Range(0, 7).Sum(i => byDay.GetValueOrDefault(today.AddDays(-i)));
        var averageDaily = Money.ToUsd(lastWeek) / 7m;
        var caps = await ledger.StandingAsync(null, cancellationToken);
        var monthly = caps.FirstOrDefault(c => c.Cap == "monthly");
        DateOnly? exhausted = null;
        if (monthly is not null && averageDaily > 0)
        {
            var day = today.AddDays((int)Math.Ceiling(monthly.RemainingUsd / averageDaily));
            exhausted = day.Month == today.Month && day.Year == today.Year ? day : null;
        }

        var monthCalls = calls.Where(c => DateOnly.FromDateTime(c.OccurredAt.UtcDateTime) >= monthStart).ToList();
        var strongest = models.Value.Tiers.Count > 0 ? models.Value.Tiers[^1] : null;
        var actual = monthCalls.Sum(c => c.CostMicros);
        var onStrongest = strongest is null
            ? actual
            : monthCalls.Sum(c => AssistantTier.Is(c.Tier) ? c.CostMicros : Math.Max(c.CostMicros, PriceOn(strongest, c.InputTokens, c.OutputTokens)));
        var savings = new TierSavings(strongest?.Name, Money.ToUsd(actual), Money.ToUsd(onStrongest), Money.ToUsd(onStrongest - actual));

        var dayAgo = now.AddDays(-1);
        var counts = await db.PlanTasks.AsNoTracking()
            .Where(t => t.Status == PlanTaskStatus.Running || t.Status == PlanTaskStatus.Verifying || t.Status == PlanTaskStatus.Ready || t.Status == PlanTaskStatus.Review
                || (t.Status == PlanTaskStatus.Failed && t.CompletedAt >= dayAgo))
            .GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var tally = new TaskTally(
            counts.GetValueOrDefault(PlanTaskStatus.Running) + counts.GetValueOrDefault(PlanTaskStatus.Verifying),
            counts.GetValueOrDefault(PlanTaskStatus.Ready),
            counts.GetValueOrDefault(PlanTaskStatus.Review),
            counts.GetValueOrDefault(PlanTaskStatus.Failed));

        var failed = await (from e in db.Events.AsNoTracking()
                            where e.Type == EventTypes.TaskFailed
                            orderby e.Sequence descending
                            join p in db.Projects on e.ProjectId equals p.Id
                            join t in db.PlanTasks on e.PlanTaskId equals t.Id into tasks
                            from t in tasks.DefaultIfEmpty()
                            select new { e.OccurredAt, p.Id, p.Name, Task = t == null ? null : t.Key, e.Payload }).Take(FailuresShown).ToListAsync(cancellationToken);
        var failures = failed.Select(f => new RecentFailure(f.OccurredAt, f.Id, f.Name, f.Task, ErrorOf(f.Payload))).ToList();

        var hourAgo = now.AddMinutes(-60);
        var completedAt = await db.Events.AsNoTracking().Where(e => e.Type == EventTypes.TaskCompleted && e.OccurredAt >= hourAgo)
            .Select(e => e.OccurredAt).ToListAsync(cancellationToken);
        var perMinute = completedAt.GroupBy(Minute).ToDictionary(g => g.Key, g => g.Count());
        var first = Minute(now).AddMinutes(-59);
        var throughput = Enumerable.Range(0, 60).Select(i => first.AddMinutes(i)).Select(m => new ThroughputPoint(m, perMinute.GetValueOrDefault(m))).ToList();

        return new Overview(caps, monthToDate, decimal.Round(averageDaily, 6), exhausted, tally, failures, savings, throughput);
    }

    /// <summary>The start of the minute <paramref name="at"/> falls in, UTC.</summary>
    public static DateTimeOffset Minute(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, at.UtcDateTime.Minute, 0, TimeSpan.Zero);

    private static long PriceOn(TierOptions tier, long inputTokens, long outputTokens) =>
        (long)Math.Ceiling(((inputTokens * (tier.InputUsdPerMillion ?? 0)) + (outputTokens * (tier.OutputUsdPerMillion ?? 0))) * Money.MicrosPerDollar / 1_000_000m);

    private static DateOnly Earliest(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string ErrorOf(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString()! : "failed";
        }
        catch (JsonException)
        {
            return "failed";
        }
    }
}
