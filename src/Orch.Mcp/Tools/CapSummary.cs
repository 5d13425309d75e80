using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record CapSummary(
    [property: JsonPropertyName("cap")] string Cap,
    [property: JsonPropertyName("cap_usd")] decimal CapUsd,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("held_usd")] decimal HeldUsd,
    [property: JsonPropertyName("remaining_usd")] decimal RemainingUsd);
