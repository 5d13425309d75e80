using Orch.Admin.Components.Dashboard;
using Orch.Core.Budgets;
using Orch.Core.Dashboard;

namespace Orch.Admin.Tests.Components;

/// <summary>The dashboard's cards and tables rendered to HTML from known numbers, without a browser.</summary>
public sealed class DashboardComponentTests
{
    [Fact]
    public async Task OverviewCards_ShowSpendAgainstTheCaps_SavingsAndTaskCounts_Formatted()
    {
        var html = await ComponentHtml.RenderAsync<OverviewCards>(new Dictionary<string, object?> { ["Overview"] = SampleData.Overview() });
        var text = ComponentHtml.Text(html);

        Assert.Contains("Today $97.00 of the daily cap of $150.00 $52.50 left · $0.50 held by calls under way", text, StringComparison.Ordinal);
        Assert.Contains("This month $1,234.50 of the monthly cap of $5,000.00 $3,765.00 left · $0.50 held by calls under way", text, StringComparison.Ordinal);
        Assert.Contains("Saved by cheaper tiers $3,703.50 75 % less this month: $1,234.50 spent, $4,938.00 had every call run on large.", text, StringComparison.Ordinal);
        Assert.Contains("3 running 5 queued 1 waiting for a person 2 failed in 24 h", text, StringComparison.Ordinal);
        // Held money counts towards the bar: (97 + 0.5) / 150.
        Assert.Contains("aria-label=\"65 % of the daily cap\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapCard_TurnsToAWarning_PastTheThreshold_AndSaysWhenThereIsNoCap()
    {
        var near = new BudgetStanding("daily", "day:2025-06-14", 10m, 8.5m, 0m, 1.5m);
        var html = await ComponentHtml.RenderAsync<CapCard>(new Dictionary<string, object?>
        {
            ["Title"] = "Today",
            ["CapName"] = "daily",
            ["SpentUsd"] = 8.5m,
            ["Cap"] = near,
        });
        var none = ComponentHtml.Text(await ComponentHtml.RenderAsync<CapCard>(new Dictionary<string, object?>
        {
            ["Title"] = "Today",
            ["CapName"] = "daily",
            ["SpentUsd"] = 0.0375m,
            ["Cap"] = null,
        }));

        Assert.Contains("$8.50 of the daily cap of $10.00 $1.50 left", ComponentHtml.Text(html), StringComparison.Ordinal);
        Assert.Contains("rz-progressbar-warning", html, StringComparison.Ordinal);
        Assert.Equal("Today $0.0375 No daily cap.", none);
    }

    [Fact]
    public async Task RecentFailures_ListTimeProjectTaskAndError_OrSayThereAreNone()
    {
        var failures = SampleData.Overview().RecentFailures;
        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<RecentFailuresTable>(new Dictionary<string, object?> { ["Failures"] = failures }));
        var none = ComponentHtml.Text(await ComponentHtml.RenderAsync<RecentFailuresTable>(new Dictionary<string, object?> { ["Failures"] = Array.Empty<RecentFailure>() }));

        Assert.Contains("2025-06-14 09:30 Website deploy The build timed out after 600 s.", text, StringComparison.Ordinal);
        Assert.Equal("Recent failures No task has failed.", none);
    }

    [Fact]
    public async Task UsageTables_ShowEveryBreakdown_WithTokensAndCostFormatted()
    {
        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<UsageTables>(new Dictionary<string, object?> { ["Report"] = SampleData.Usage() }));

        Assert.Contains("By day", text, StringComparison.Ordinal);
        Assert.Contains("2025-06-13 3 1,200 3,400 $0.0375", text, StringComparison.Ordinal);
        Assert.Contains("2025-06-14 1 12,345 678 $12.50", text, StringComparison.Ordinal);
        Assert.Contains("By model", text, StringComparison.Ordinal);
        Assert.Contains("offline/offline-rules 4 13,545 4,078 $12.54", text, StringComparison.Ordinal);
        Assert.Contains("By tier", text, StringComparison.Ordinal);
        Assert.Contains("small 3 1,200 3,400 $0.0375", text, StringComparison.Ordinal);
        Assert.Contains("By project", text, StringComparison.Ordinal);
        Assert.Contains("Website 4 13,545 4,078 $12.54", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThroughputSummary_CountsTheLastHour()
    {
        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<ThroughputChart>(new Dictionary<string, object?> { ["Throughput"] = SampleData.Overview().Throughput }));

        Assert.Contains("12 tasks completed in the last hour.", text, StringComparison.Ordinal);
    }
}
