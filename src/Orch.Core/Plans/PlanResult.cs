using Orch.Core.Projects;

namespace Orch.Core.Plans;

/// <summary>A stored plan version with its project, its cost forecast and how the planner got there.</summary>
public sealed record PlanResult(ProjectSummary Project, PlanView Plan, PlanForecast Forecast, IReadOnlyList<PlanningAttempt> Attempts);
