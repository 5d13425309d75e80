using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record PlanTaskSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("complexity")] string Complexity,
    [property: JsonPropertyName("tier")] string? Tier,
    [property: JsonPropertyName("depends_on")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("estimated_cost_usd")] decimal EstimatedCostUsd);
