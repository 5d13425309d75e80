using System.Text;
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
    [property: JsonPropertyName("forecast")] ForecastSummary? Forecast) : IToolReply
{
    public string ToText()
    {
        var text = new StringBuilder($"Plan v{Version} (plan_id {PlanId}) of project {ProjectId} is {Status}: {Tasks.Count} task(s)");
        if (Forecast is { } f)
        {
            text.Append($", forecast {ReplyText.Usd(f.ExpectedUsd)} (worst case {ReplyText.Usd(f.WorstCaseUsd)}) against {ReplyText.Budget(f.BudgetUsd)}");
        }

        text.Append('.');
        text.Lines(Tasks, t => $"{t.Id} [{t.Tier}] {t.Title}{(t.DependsOn.Count > 0 ? $" (after {string.Join(", ", t.DependsOn)})" : string.Empty)} ~{ReplyText.Usd(t.EstimatedCostUsd)}");
        if (Status == "draft")
        {
            text.Append("\nNothing runs until it is approved (approve), or revise it (revise_plan).");
        }

        return text.ToString();
    }

    internal static PlanSummary From(PlanView plan, PlanForecast? forecast) => new(
        plan.ProjectId,
        plan.Id,
        plan.Version,
        plan.Status.ToString().ToLowerInvariant(),
        plan.Summary,
        [.. plan.Tasks.Select(t => new PlanTaskSummary(t.Key, t.Title, t.Kind.ToString().ToLowerInvariant(), t.Complexity.ToString().ToLowerInvariant(), t.Tier, t.DependsOn, t.EstimatedCostUsd))],
        forecast is null ? null : ForecastSummary.From(forecast));
}
