namespace Orch.Core.Plans;

/// <summary>
/// A plan version waiting for a person: the newest version of its project, still a draft. Its forecast is
/// Orch's expected cost of its tasks, set against what is left of the project's budget.
/// </summary>
public sealed record PendingApproval(
    Guid PlanId,
    Guid ProjectId,
    string ProjectName,
    int Version,
    PlanSource Source,
    string? Summary,
    int TaskCount,
    decimal ExpectedUsd,
    decimal? BudgetUsd,
    decimal SpentUsd,
    DateTimeOffset CreatedAt)
{
    /// <summary>What the budget has left, or null when the project has none.</summary>
    public decimal? RemainingUsd => BudgetUsd is { } budget ? Math.Max(0, budget - SpentUsd) : null;

    /// <summary>Whether the expected cost fits what is left; true without a budget.</summary>
    public bool FitsBudget => RemainingUsd is not { } remaining || ExpectedUsd <= remaining;
}
