namespace Orch.Core.Plans;

/// <summary>
/// What a task is, validated and normalised: the part of a <see cref="PlanTask"/> that an
/// approved plan version never changes. Money is in micro-dollars.
/// </summary>
public sealed record PlanTaskDefinition(
    string Key,
    string Title,
    string Description,
    TaskKind Kind,
    TaskComplexity Complexity,
    string? Tier,
    IReadOnlyList<string> Tools,
    IReadOnlyList<string> AcceptanceCriteria,
    int Priority,
    IReadOnlyList<string> DependsOn,
    long EstimatedCostMicros,
    int? TimeoutSeconds = null,
    int? MaxAttempts = null);
