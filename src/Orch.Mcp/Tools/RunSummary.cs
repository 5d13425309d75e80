using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Serialization;
using Orch.Core.Execution;
using Orch.Core.Plans;

namespace Orch.Mcp.Tools;

/// <summary>A project's run as the status tool reports it.</summary>
public sealed record RunSummary(
    [property: JsonPropertyName("project_id")] Guid ProjectId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_reason")] string? StatusReason,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("budget_usd")] decimal? BudgetUsd,
    [property: JsonPropertyName("task_counts")] IReadOnlyDictionary<string, int> TaskCounts,
    [property: JsonPropertyName("tasks")] IReadOnlyList<RunTaskSummary> Tasks) : IToolReply
{
    public string ToText()
    {
        var text = new StringBuilder();
        if (Message is { Length: > 0 })
        {
            text.Append(Message).Append(". ");
        }

        text.Append($"Project '{Name}' ({ProjectId}) is {Status}{(StatusReason is { Length: > 0 } r ? $" ({r})" : string.Empty)}: {ReplyText.Counts(TaskCounts)}. Spent {ReplyText.Usd(SpentUsd)} of {ReplyText.Budget(BudgetUsd)}.");
        var notable = Tasks.Where(t => t.Error is not null || t.Status is "running" or "verifying" or "review").ToList();
        text.Lines(notable, t => $"{t.Id} {t.Status}{(t.Error is { } e ? $": {e}" : string.Empty)}");
        var forAssistant = Tasks.Count(t => t.Tier == Orch.Core.Models.AssistantTier.Name && t.Status == "ready");
        if (forAssistant > 0)
        {
            text.Append($"\n{forAssistant} task(s) wait for the assistant: claim them with next_task.");
        }

        return text.ToString();
    }

    public static RunSummary From(ProjectRunView view, string? message = null) => new(
        view.ProjectId,
        view.Name,
        Lower(view.Status.ToString()),
        view.StatusReason,
        message,
        view.SpentUsd,
        view.BudgetUsd,
        view.TaskCounts.ToDictionary(e => Lower(e.Key), e => e.Value),
        [.. view.Tasks.Select(t => new RunTaskSummary(
            t.Key, t.Title, Lower(t.Status), t.Tier, t.Model, t.Attempts, t.CostUsd, t.DependsOn, UtcInstant.Text(t.StartedAt), UtcInstant.Text(t.CompletedAt),
            t.Error is { Length: > 300 } text ? text[..300] + "…" : t.Error))]);

    // A status reads a thousand task states per call, all from a handful of names: each converted once.
    private static readonly ConcurrentDictionary<string, string> LowerNames = new(StringComparer.Ordinal);

    // A task's state by its value: its name is not formatted (and the value boxed) a thousand times a call.
    private static readonly ConcurrentDictionary<PlanTaskStatus, string> TaskStates = new();

    internal static string Lower(PlanTaskStatus status) => TaskStates.GetOrAdd(status, static s => Lower(s.ToString()));

    internal static string Lower(string text) => LowerNames.GetOrAdd(text, static name => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name));
}
