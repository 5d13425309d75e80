using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record TaskOutput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("verdict")] string? Verdict,
    [property: JsonPropertyName("verdict_detail")] string? VerdictDetail,
    [property: JsonPropertyName("error")] string? Error);
