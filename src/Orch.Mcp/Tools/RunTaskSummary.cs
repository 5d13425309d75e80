using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

/// <summary>A task in a status answer; its instants are <see cref="UtcInstant"/> text.</summary>
public sealed record RunTaskSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("tier")] string? Tier,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("cost_usd")] decimal CostUsd,
    [property: JsonPropertyName("depends_on")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("started_at")] string? StartedAt,
    [property: JsonPropertyName("completed_at")] string? CompletedAt,
    [property: JsonPropertyName("error")] string? Error);
