using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Dashboard;
using Orch.Core.Tests.Execution;
using Orch.Testing;

namespace Orch.Core.Tests.Dashboard;

/// <summary>The overview's numbers and the usage CSV, checked against the rows they come from.</summary>
public sealed class OverviewAndCsvTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    /// <summary>Three priced tiers on the offline provider: cheap, middle, strong.</summary>
    private static readonly Dictionary<string, string?> PricedTiers = new(Testing.PricedTiers.Settings())
    {
        ["Orch:Budget:MonthlyCapUsd"] = "100",
    };

    [Fact]
    public async Task Overview_CountsSpendSavingsAndThroughput_FromTheRecordedCalls()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, PricedTiers);
        var project = await engine.RunPlanAsync(TestPlans.Diamond(), Ct);
        await engine.WaitForEndAsync(project, Ct);

        var overview = await engine.Get<OverviewReader>().ReadAsync(Ct);

        await using var db = engine.Db();
        var calls = await db.UsageRecords.AsNoTracking().ToListAsync(Ct);
        var spent = Money.ToUsd(calls.Sum(c => c.CostMicros));
        Assert.Equal(spent, overview.Savings.SpentUsd);
        Assert.Equal(spent, overview.MonthToDate[^1].CumulativeUsd);
        var onLarge = calls.Sum(c => Math.Max(c.CostMicros, (long)Math.Ceiling(((c.InputTokens * 15m) + (c.OutputTokens * 75m)) * Money.MicrosPerDollar / 1_000_000m)));
        Assert.Equal(Money.ToUsd(onLarge), overview.Savings.OnStrongestUsd);
        Assert.True(overview.Savings.SavedUsd > 0, "the diamond ran on the cheap tiers");
        Assert.Equal("large", overview.Savings.StrongestTier);
        Assert.Equal(4, overview.Throughput.Sum(p => p.Completed));
        Assert.Equal(60, overview.Throughput.Count);
        Assert.Equal(new TaskTally(0, 0, 0, 0), overview.Tasks);
        Assert.Contains(overview.Caps, c => c.Cap == "monthly" && c.CapUsd == 100m);
        Assert.Equal(decimal.Round(spent / 7m, 6), overview.AverageDailyUsd);
    }

    [Fact]
    public async Task UsageCsv_HasARowPerCall_MatchingTheDatabase_WithHostileNamesDefused()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, PricedTiers);
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a"), TestPlans.Task("b", "a")), Ct);
        await engine.WaitForEndAsync(project, Ct);
        await using (var rename = engine.Db())
        {
            await rename.Projects.Where(p => p.Id == project).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "=HYPERLINK(\"x\"), \"quoted\""), Ct);
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        await engine.Get<UsageCsv>().WriteAsync(7, text, Ct);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        await using var db = engine.Db();
        var calls = await db.UsageRecords.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(UsageCsv.Header, lines[0]);
        Assert.Equal(calls.Count, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\",", l[25..], StringComparison.Ordinal));
        var costs = lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[^2], CultureInfo.InvariantCulture));
        Assert.Equal(Money.ToUsd(calls.Sum(c => c.CostMicros)), costs);
        await Assert.ThrowsAsync<InvalidInputException>(() => engine.Get<UsageCsv>().WriteAsync(0, TextWriter.Null, Ct));
    }
}
