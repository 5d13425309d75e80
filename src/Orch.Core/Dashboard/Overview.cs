using Orch.Core.Budgets;

namespace Orch.Core.Dashboard;

/// <summary>What the dashboard's overview shows at a glance.</summary>
/// <param name="Caps">The daily and monthly caps (and any other global cap) as they stand.</param>
/// <param name="MonthToDate">Spend per day of the current month, with the running total.</param>
/// <param name="AverageDailyUsd">Average spend per day over the last seven days.</param>
/// <param name="MonthlyCapExhaustedOn">When the monthly cap runs out at that pace; null when it does not this month or there is no cap.</param>
/// <param name="Tasks">Tasks running, queued, waiting for a person, and failed in the last day.</param>
/// <param name="RecentFailures">The latest failed tasks, newest first.</param>
/// <param name="Savings">This month's spend against the same calls on the strongest tier.</param>
/// <param name="Throughput">Tasks completed per minute over the last hour, oldest first.</param>
public sealed record Overview(
    IReadOnlyList<BudgetStanding> Caps,
    IReadOnlyList<DailySpend> MonthToDate,
    decimal AverageDailyUsd,
    DateOnly? MonthlyCapExhaustedOn,
    TaskTally Tasks,
    IReadOnlyList<RecentFailure> RecentFailures,
    TierSavings Savings,
    IReadOnlyList<ThroughputPoint> Throughput);

public sealed record DailySpend(DateOnly Day, decimal SpentUsd, decimal CumulativeUsd);

public sealed record TaskTally(int Running, int Queued, int WaitingForPerson, int FailedLastDay);

public sealed record RecentFailure(DateTimeOffset At, Guid ProjectId, string Project, string? Task, string Error);

/// <summary>What the month's calls cost, what they would have cost on the strongest tier, and the difference.</summary>
public sealed record TierSavings(string? StrongestTier, decimal SpentUsd, decimal OnStrongestUsd, decimal SavedUsd);

public sealed record ThroughputPoint(DateTimeOffset Minute, int Completed);
