using Orch.Core.Budgets;

namespace Orch.Core.Projects;

public sealed record ProjectSummary(
    Guid Id,
    string Name,
    string? Description,
    ProjectStatus Status,
    decimal? BudgetUsd,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    internal static ProjectSummary From(Project p) => new(
        p.Id, p.Name, p.Description, p.Status, p.BudgetMicros is { } b ? Money.ToUsd(b) : null, p.CreatedAt, p.UpdatedAt);
}
