namespace Orch.Core.Budgets;

/// <summary>What was spent over a period, by day, model, tier and project, and where each cap stands now.</summary>
public sealed record UsageReport(
    DateOnly From,
    DateOnly To,
    decimal TotalUsd,
    long Calls,
    IReadOnlyList<UsageLine> ByDay,
    IReadOnlyList<UsageLine> ByModel,
    IReadOnlyList<UsageLine> ByTier,
    IReadOnlyList<UsageLine> ByProject,
    IReadOnlyList<BudgetStanding> Caps);
