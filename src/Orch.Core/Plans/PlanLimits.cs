namespace Orch.Core.Plans;

/// <summary>Fixed bounds on what one task may hold; the number of tasks is bounded by <see cref="PlanOptions.MaxTasks"/>.</summary>
public static class PlanLimits
{
    public const int MaxKeyLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxSummaryLength = 4_000;
    public const int MaxTierLength = 32;
    public const int MaxTools = 20;
    public const int MaxToolNameLength = 64;
    public const int MaxAcceptanceCriteria = 20;
    public const int MaxCriterionLength = 1_000;
    public const int MinPriority = -1_000;
    public const int MaxPriority = 1_000;

    public const int MaxTimeoutSeconds = 86_400;
    public const int MaxAttempts = 20;

    /// <summary>No single task is estimated above this; a larger figure is a mistake, not a plan.</summary>
    public const decimal MaxEstimatedCostUsd = 100_000m;

    /// <summary>The largest plan document read at all, before any parsing.</summary>
    public const int MaxDocumentChars = 20_000_000;
}
