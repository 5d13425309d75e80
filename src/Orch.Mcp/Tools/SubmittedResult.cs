using System.Text.Json.Serialization;
using Orch.Core.Execution;

namespace Orch.Mcp.Tools;

/// <summary>What became of a result the assistant handed in.</summary>
public sealed record SubmittedResult(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("verdict")] string? Verdict,
    [property: JsonPropertyName("verdict_detail")] string? VerdictDetail,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("message")] string Message) : IToolReply
{
    public string ToText() => $"{Message} (task {TaskId}: {Status}; verdict {Verdict ?? "none"}{(VerdictDetail is { Length: > 0 } d ? $": {d}" : string.Empty)})";

    internal static SubmittedResult From(SubmissionResult result) =>
        new(result.TaskKey, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Status.ToString()), result.Verdict, result.VerdictDetail, result.Files, result.Message);
}
