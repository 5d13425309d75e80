using System.Text.Json.Serialization;
using Orch.Core.Execution;

namespace Orch.Mcp.Tools;

/// <summary>What execute and control answer: the project's state in short; status has every task.</summary>
public sealed record RunState(
    [property: JsonPropertyName("project_id")] Guid ProjectId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_reason")] string? StatusReason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("budget_usd")] decimal? BudgetUsd,
    [property: JsonPropertyName("task_counts")] IReadOnlyDictionary<string, int> TaskCounts) : IToolReply
{
    internal static RunState From(ProjectRunView view, string message) => new(
        view.ProjectId,
        RunSummary.Lower(view.Status.ToString()),
        view.StatusReason,
        message,
        view.SpentUsd,
        view.BudgetUsd,
        view.TaskCounts.ToDictionary(e => RunSummary.Lower(e.Key), e => e.Value));

    public string ToText() =>
        $"{Message}. Project {ProjectId} is {Status}{(StatusReason is { Length: > 0 } r ? $" ({r})" : string.Empty)}: {ReplyText.Counts(TaskCounts)}. Spent {ReplyText.Usd(SpentUsd)} of {ReplyText.Budget(BudgetUsd)}. Follow it with status.";
}
