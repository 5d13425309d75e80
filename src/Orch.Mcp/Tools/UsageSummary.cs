using System.Text.Json.Serialization;
using Orch.Core.Budgets;

namespace Orch.Mcp.Tools;

public sealed record UsageSummary(
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("total_usd")] decimal TotalUsd,
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("by_day")] IReadOnlyList<UsageSummaryLine> ByDay,
    [property: JsonPropertyName("by_model")] IReadOnlyList<UsageSummaryLine> ByModel,
    [property: JsonPropertyName("by_tier")] IReadOnlyList<UsageSummaryLine> ByTier,
    [property: JsonPropertyName("by_project")] IReadOnlyList<UsageSummaryLine> ByProject,
    [property: JsonPropertyName("caps")] IReadOnlyList<CapSummary> Caps)
{
    public static UsageSummary Of(UsageReport report) => new(
        report.From,
        report.To,
        report.TotalUsd,
        report.Calls,
        Lines(report.ByDay),
        Lines(report.ByModel),
        Lines(report.ByTier),
        Lines(report.ByProject),
        [.. report.Caps.Select(c => new CapSummary(c.Cap, c.CapUsd, c.SpentUsd, c.HeldUsd, c.RemainingUsd))]);

    private static List<UsageSummaryLine> Lines(IEnumerable<UsageLine> lines) =>
        [.. lines.Select(l => new UsageSummaryLine(l.Name, l.Calls, l.InputTokens, l.OutputTokens, l.CostUsd))];
}
