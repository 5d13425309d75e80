using Orch.Core.Budgets;
using Orch.Core.Projects;

namespace Orch.Core.Execution;

/// <summary>A project's run: its status and why, what it spent against which caps, and its tasks.</summary>
public sealed record ProjectRunView(
    Guid ProjectId,
    string Name,
    ProjectStatus Status,
    string? StatusReason,
    Guid? PlanId,
    int? PlanVersion,
    decimal SpentUsd,
    decimal? BudgetUsd,
    IReadOnlyList<BudgetStanding> Caps,
    IReadOnlyDictionary<string, int> TaskCounts,
    IReadOnlyList<TaskRunView> Tasks,
    long LastEventSequence);
