using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>One task of a running plan as status shows it: its state, its latest attempt's model, what it cost.</summary>
public sealed record TaskRunView(
    Guid Id,
    string Key,
    string Title,
    PlanTaskStatus Status,
    string? Tier,
    string? Model,
    int Attempts,
    decimal CostUsd,
    IReadOnlyList<string> DependsOn,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error);
