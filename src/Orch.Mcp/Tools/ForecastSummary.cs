using System.Text.Json.Serialization;
using Orch.Core.Plans;

namespace Orch.Mcp.Tools;

public sealed record ForecastSummary(
    [property: JsonPropertyName("expected_usd")] decimal ExpectedUsd,
    [property: JsonPropertyName("worst_case_usd")] decimal WorstCaseUsd,
    [property: JsonPropertyName("budget_usd")] decimal? BudgetUsd,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("remaining_usd")] decimal? RemainingUsd)
{
    internal static ForecastSummary From(PlanForecast forecast) =>
        new(forecast.ExpectedUsd, forecast.WorstCaseUsd, forecast.BudgetUsd, forecast.SpentUsd, forecast.RemainingUsd);
}
