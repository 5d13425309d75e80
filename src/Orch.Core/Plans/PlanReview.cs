using Orch.Core.Projects;

namespace Orch.Core.Plans;

/// <summary>
/// What a person reviews a plan against: the project (its status and budget), its newest plan version (null
/// while it has none) and what the project has spent so far.
/// </summary>
public sealed record PlanReview(ProjectSummary Project, PlanView? Plan, decimal SpentUsd);
