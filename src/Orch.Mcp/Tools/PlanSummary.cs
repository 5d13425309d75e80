using System.Text.Json.Serialization;
using Orch.Core.Plans;

namespace Orch.Mcp.Tools;

/// <summary>A plan version as the assistant sees it: tasks by key, with tier, dependencies and cost, and the forecast.</summary>
public sealed record PlanSummary(
    [property: JsonPropertyName("project_id")] Guid ProjectId,
    [property: JsonPropertyName("plan_id")] Guid PlanId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("tasks")] IReadOnlyList<PlanTaskSummary> Tasks,
    [property: JsonPropertyName("forecast")] ForecastSummary? Forecast)
{
    internal static PlanSummary From(PlanView plan, PlanForecast? forecast) => new(
        plan.ProjectId,
        plan.Id,
        plan.Version,
        plan.Status.ToString().ToLowerInvariant(),
        plan.Summary,
        [.. plan.Tasks.Select(t => new PlanTaskSummary(t.Key, t.Title, t.Kind.ToString().ToLowerInvariant(), t.Complexity.ToString().ToLowerInvariant(), t.Tier, t.DependsOn, t.EstimatedCostUsd))],
        forecast is null ? null : new ForecastSummary(forecast.ExpectedUsd, forecast.WorstCaseUsd, forecast.BudgetUsd, forecast.SpentUsd, forecast.RemainingUsd));
}
