namespace Orch.Core.Plans;

/// <summary>One answer from the planning model: where it ran, what it cost, and what was wrong with it (empty when it was used).</summary>
public sealed record PlanningAttempt(int Number, string Tier, string Provider, string Model, long InputTokens, long OutputTokens, long CostMicros, IReadOnlyList<string> Problems);
