namespace Orch.Core.Plans;

/// <summary>What a plan is asked for: the requirements, with optional constraints, acceptance criteria and budget.</summary>
public sealed record PlanRequest(
    string Requirements,
    string? Constraints = null,
    IReadOnlyList<string>? AcceptanceCriteria = null);
