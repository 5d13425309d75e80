namespace Orch.Core.Plans;

/// <summary>The planner's valid plan, the requirements as sent (after the input guard), and every attempt it took.</summary>
public sealed record PlannedDraft(PlanDocument Document, PlanValidation Validation, PlanRequest GuardedRequest, IReadOnlyList<PlanningAttempt> Attempts);
