using Orch.Core.Budgets;
using Orch.Core.Dashboard;

namespace Orch.Admin.Tests.Components;

/// <summary>An overview and a usage report with known numbers, for rendering tests.</summary>
internal static class SampleData
{
    public static readonly DateOnly Today = new(2025, 6, 14);

    /// <summary>$87.50 on each of the 13 days before today, $97.00 today: $1,234.50 this month.</summary>
    public static Overview Overview()
    {
        var days = new List<DailySpend>();
        var cumulative = 0m;
        for (var day = new DateOnly(2025, 6, 1); day <= Today; day = day.AddDays(1))
        {
            var spent = day == Today ? 97m : 87.5m;
            cumulative += spent;
            days.Add(new DailySpend(day, spent, cumulative));
        }

        var minute = new DateTimeOffset(2025, 6, 14, 9, 0, 0, TimeSpan.Zero);
        return new Overview(
            [
                new BudgetStanding("daily", "day:2025-06-14", 150m, 97m, 0.5m, 52.5m),
                new BudgetStanding("monthly", "month:2025-06", 5000m, 1234.5m, 0.5m, 3765m),
            ],
            days,
            88.857143m,
            null,
            new TaskTally(3, 5, 1, 2),
            [new RecentFailure(new DateTimeOffset(2025, 6, 14, 9, 30, 12, TimeSpan.Zero), Guid.NewGuid(), "Website", "deploy", "The build timed out after 600 s.")],
            new TierSavings("large", 1234.5m, 4938m, 3703.5m),
            [.. Enumerable.Range(0, 60).Select(i => new ThroughputPoint(minute.AddMinutes(i), i % 10 == 0 ? 2 : 0))]);
    }

    public static UsageReport Usage() => new(
        Today.AddDays(-6),
        Today,
        12.5375m,
        4,
        [new UsageLine("2025-06-13", 3, 1_200, 3_400, 0.0375m), new UsageLine("2025-06-14", 1, 12_345, 678, 12.5m)],
        [new UsageLine("offline/offline-rules", 4, 13_545, 4_078, 12.5375m)],
        [new UsageLine("large", 1, 12_345, 678, 12.5m), new UsageLine("small", 3, 1_200, 3_400, 0.0375m)],
        [new UsageLine("Website", 4, 13_545, 4_078, 12.5375m)],
        [new BudgetStanding("daily", "day:2025-06-14", 150m, 12.5m, 0m, 137.5m)]);
}
