using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record ForecastSummary(
    [property: JsonPropertyName("expected_usd")] decimal ExpectedUsd,
    [property: JsonPropertyName("worst_case_usd")] decimal WorstCaseUsd,
    [property: JsonPropertyName("budget_usd")] decimal? BudgetUsd,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("remaining_usd")] decimal? RemainingUsd);
