using Orch.Core.Budgets;

namespace Orch.Core.Plans;

public sealed record PlanTaskView(
    Guid Id,
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
    decimal EstimatedCostUsd,
    PlanTaskStatus Status,
    int Attempts,
    int? TimeoutSeconds,
    int? MaxAttempts)
{
    internal static PlanTaskView From(PlanTask t) => new(
        t.Id, t.Key, t.Title, t.Description, t.Kind, t.Complexity, t.Tier, t.Tools, t.AcceptanceCriteria,
        t.Priority, t.DependsOn, Money.ToUsd(t.EstimatedCostMicros), t.Status, t.Attempts, t.TimeoutSeconds, t.MaxAttempts);

    public PlanTaskDefinition ToDefinition() => new(
        Key, Title, Description, Kind, Complexity, Tier, Tools, AcceptanceCriteria, Priority, DependsOn,
        Money.ToMicros(EstimatedCostUsd), TimeoutSeconds, MaxAttempts);
}
