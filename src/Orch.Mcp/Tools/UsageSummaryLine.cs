using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record UsageSummaryLine(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost_usd")] decimal CostUsd);
