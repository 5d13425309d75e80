using System.Text.Json.Serialization;
using Orch.Core.Plans;

namespace Orch.Mcp.Tools;

/// <summary>An approved plan version, in short: the tasks are as the plan tool showed them.</summary>
public sealed record ApprovalSummary(
    [property: JsonPropertyName("project_id")] Guid ProjectId,
    [property: JsonPropertyName("plan_id")] Guid PlanId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("task_count")] int TaskCount,
    [property: JsonPropertyName("forecast")] ForecastSummary Forecast) : IToolReply
{
    internal static ApprovalSummary From(PlanView plan, PlanForecast forecast) => new(
        plan.ProjectId,
        plan.Id,
        plan.Version,
        plan.Status.ToString().ToLowerInvariant(),
        plan.Tasks.Count,
        ForecastSummary.From(forecast));

    public string ToText() =>
        $"Plan v{Version} (plan_id {PlanId}) is {Status}: {TaskCount} task(s), forecast {ReplyText.Usd(Forecast.ExpectedUsd)} (worst case {ReplyText.Usd(Forecast.WorstCaseUsd)}) against {ReplyText.Budget(Forecast.BudgetUsd)}. Run it with execute (project_id {ProjectId}).";
}
