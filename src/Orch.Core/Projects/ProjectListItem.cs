using Orch.Core.Plans;

namespace Orch.Core.Projects;

/// <summary>
/// One row of the list of projects: where it stands, its newest plan version, how far its work has come, what
/// it spent against its budget, and when anything last happened to it.
/// </summary>
public sealed record ProjectListItem(
    Guid Id,
    string Name,
    ProjectStatus Status,
    string? StatusReason,
    int? PlanVersion,
    PlanStatus? PlanStatus,
    ProjectProgress Progress,
    decimal SpentUsd,
    decimal? BudgetUsd,
    DateTimeOffset LastActivityAt);
