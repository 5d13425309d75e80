namespace Orch.Core.Plans;

/// <summary>
/// A request to plan: the requirements (with optional constraints and acceptance criteria) for an
/// existing project, or for a new one named <paramref name="ProjectName"/> (default: from the requirements).
/// With <paramref name="ForAssistant"/>, every task is marked for the calling assistant to do itself.
/// </summary>
public sealed record PlanningRequest(
    string Requirements,
    Guid? ProjectId = null,
    string? ProjectName = null,
    string? Constraints = null,
    IReadOnlyList<string>? AcceptanceCriteria = null,
    decimal? BudgetUsd = null,
    bool ForAssistant = false);
