using System.Text;
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
    [property: JsonPropertyName("caps")] IReadOnlyList<CapSummary> Caps) : IToolReply
{
    public string ToText()
    {
        var text = new StringBuilder($"Spent {ReplyText.Usd(TotalUsd)} in {Calls} model call(s) from {From:yyyy-MM-dd} to {To:yyyy-MM-dd}.");
        text.Append("\nCaps now:").Lines(Caps, c => $"{c.Cap}: {ReplyText.Usd(c.SpentUsd)} spent, {ReplyText.Usd(c.HeldUsd)} held, {ReplyText.Usd(c.RemainingUsd)} left of {ReplyText.Usd(c.CapUsd)}");
        text.Append("\nBy model:").Lines(ByModel, l => $"{l.Name}: {ReplyText.Usd(l.CostUsd)}, {l.Calls} call(s), {l.InputTokens:N0} in / {l.OutputTokens:N0} out");
        return text.ToString();
    }

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
