using System.Text;
using System.Text.Json.Serialization;
using Orch.Core.Execution;

namespace Orch.Mcp.Tools;

/// <summary>A task claimed for the assistant to do itself, or why none was.</summary>
public sealed record NextTask(
    [property: JsonPropertyName("claimed")] bool Claimed,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("run_id")] Guid? RunId,
    [property: JsonPropertyName("lease_expires_at")] string? LeaseExpiresAt,
    [property: JsonPropertyName("attempt")] int? Attempt,
    [property: JsonPropertyName("task_id")] string? TaskId,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("acceptance_criteria")] IReadOnlyList<string>? AcceptanceCriteria,
    [property: JsonPropertyName("feedback")] string? Feedback,
    [property: JsonPropertyName("workspace")] string? Workspace,
    [property: JsonPropertyName("dependencies")] IReadOnlyList<DependencyResult>? Dependencies) : IToolReply
{
    /// <summary>A dependency's output in the text, at most; the structured content has it whole.</summary>
    public const int MaxDependencyTextChars = 8_000;

    public string ToText()
    {
        if (!Claimed)
        {
            return Message;
        }

        var text = new StringBuilder($"{Message}\nTask {TaskId}: {Title} ({Kind}; run_id {RunId}; attempt {Attempt}; {Remaining} assistant task(s) left)");
        if (Description is { Length: > 0 })
        {
            text.Append("\n\n").Append(Description);
        }

        if (AcceptanceCriteria is { Count: > 0 } criteria)
        {
            text.Append("\n\nAcceptance criteria:");
            foreach (var criterion in criteria)
            {
                text.Append("\n- ").Append(criterion);
            }
        }

        if (Feedback is { Length: > 0 })
        {
            text.Append("\n\nThe verifier found gaps in the previous attempt; fix them: ").Append(Feedback);
        }

        foreach (var dependency in Dependencies ?? [])
        {
            text.Append($"\n\nOutput of {dependency.Id} ({dependency.Title}):\n").Append(ReplyText.Cut(dependency.Output, MaxDependencyTextChars));
        }

        return text.Append($"\n\nWorkspace: {Workspace}").ToString();
    }

    internal static NextTask From(AssistantClaim claim) => claim.Task is not { } task
        ? new(false, claim.Message, claim.Remaining, null, null, null, null, null, null, null, null, null, null, null)
        : new(
            true,
            claim.Message,
            claim.Remaining,
            task.RunId,
            UtcInstant.Text(task.LeaseExpiresAt),
            task.Attempt,
            task.Task.Key,
            task.Task.Title,
            task.Task.Description,
            task.Task.Kind.ToString().ToLowerInvariant(),
            task.Task.AcceptanceCriteria,
            task.Feedback,
            task.Workspace,
            [.. task.Dependencies.Select(d => new DependencyResult(d.Key, d.Title, d.Output))]);
}

/// <summary>A finished dependency's output, given with the task that waited for it.</summary>
public sealed record DependencyResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("output")] string Output);
