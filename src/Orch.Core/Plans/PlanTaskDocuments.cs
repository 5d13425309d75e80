using Orch.Core.Budgets;

namespace Orch.Core.Plans;

/// <summary>Turns stored task definitions back into the plan format, for revisions and re-planning.</summary>
public static class PlanTaskDocuments
{
    public static PlanTaskDocument From(PlanTaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new PlanTaskDocument
        {
            Key = task.Key,
            Title = task.Title,
            Description = task.Description,
            Kind = task.Kind.ToString().ToLowerInvariant(),
            Complexity = task.Complexity.ToString().ToLowerInvariant(),
            Tier = task.Tier,
            Tools = [.. task.Tools],
            AcceptanceCriteria = [.. task.AcceptanceCriteria],
            Priority = task.Priority,
            DependsOn = [.. task.DependsOn],
            EstimatedCostUsd = Money.ToUsd(task.EstimatedCostMicros),
            TimeoutSeconds = task.TimeoutSeconds,
            MaxAttempts = task.MaxAttempts,
        };
    }

    public static PlanDocument From(PlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanDocument
        {
            Summary = plan.Summary,
            Tasks = [.. plan.Tasks.Select(t => (PlanTaskDocument?)From(t.ToDefinition()))],
        };
    }
}
