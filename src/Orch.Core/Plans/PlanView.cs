using Orch.Core.Budgets;

namespace Orch.Core.Plans;

/// <summary>A plan version with its tasks in plan order, its parallel levels and its critical path (by task keys).</summary>
public sealed record PlanView(
    Guid Id,
    Guid ProjectId,
    int Version,
    PlanStatus Status,
    PlanSource Source,
    string Requirements,
    string? Summary,
    decimal EstimatedCostUsd,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    IReadOnlyList<PlanTaskView> Tasks,
    IReadOnlyList<IReadOnlyList<string>> Levels,
    IReadOnlyList<string> CriticalPath)
{
    internal static PlanView From(Plan plan, int maxTasks)
    {
        var tasks = plan.Tasks.OrderBy(t => t.Position).ToList();
        // Stored plans were validated when written; the analysis only recomputes their shape.
        var graph = TaskGraph.Analyze([.. tasks.Select(t => new GraphNode(t.Key, t.DependsOn))], Math.Max(maxTasks, tasks.Count));
        return new PlanView(
            plan.Id,
            plan.ProjectId,
            plan.Version,
            plan.Status,
            plan.Source,
            plan.Requirements,
            plan.Summary,
            Money.ToUsd(plan.EstimatedCostMicros),
            plan.CreatedAt,
            plan.DecidedAt,
            plan.DecidedBy,
            [.. tasks.Select(PlanTaskView.From)],
            graph.Levels,
            graph.CriticalPath);
    }
}
