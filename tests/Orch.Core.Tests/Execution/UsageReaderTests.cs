using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>The spend report adds up to what the ledger recorded, grouped every way the usage tool shows.</summary>
public sealed class UsageReaderTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Report_AddsUpTheRecordedCalls_ByDayModelTierAndProject()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings(inputPrice: 2m, outputPrice: 4m));
        var project = await engine.RunPlanAsync(TestPlans.Diamond(), Ct);
        Assert.Equal(ProjectStatus.Completed, (await engine.WaitForEndAsync(project, Ct)).Status);

        var report = await engine.Get<UsageReader>().ReadAsync(7, Ct);

        await using var db = engine.Db();
        var recorded = await db.UsageRecords.ToListAsync(Ct);
        Assert.Equal(recorded.Count, report.Calls);
        Assert.Equal(Money.ToUsd(recorded.Sum(u => u.CostMicros)), report.TotalUsd);
        Assert.True(report.TotalUsd > 0);
        Assert.Equal(report.TotalUsd, report.ByDay.Sum(l => l.CostUsd));
        Assert.Equal(report.TotalUsd, report.ByTier.Sum(l => l.CostUsd));
        Assert.Equal(report.Calls, report.ByModel.Sum(l => l.Calls));
        var line = Assert.Single(report.ByProject);
        Assert.StartsWith("test ", line.Name, StringComparison.Ordinal);
        Assert.Contains(report.Caps, c => c.Cap == "daily" && c.SpentUsd == report.TotalUsd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    [InlineData(-5)]
    public async Task DaysOutsideTheRange_AreRefusedClearly(int days)
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => store.Get<UsageReader>().ReadAsync(days, Ct));

        Assert.Contains($"days: must be between 1 and 366 (was {days})", error.Message, StringComparison.Ordinal);
    }
}
