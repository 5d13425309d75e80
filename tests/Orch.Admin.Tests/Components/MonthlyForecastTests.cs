using Orch.Admin.Components.Dashboard;
using Orch.Core.Budgets;

namespace Orch.Admin.Tests.Components;

/// <summary>The monthly cap's projection in words, for each case the overview can be in.</summary>
public sealed class MonthlyForecastTests
{
    [Fact]
    public void Describe_NamesTheDay_TheCapRunsOut()
    {
        var overview = SampleData.Overview() with { MonthlyCapExhaustedOn = new DateOnly(2025, 6, 24) };

        Assert.Equal("At the last 7 days' average of $88.86 a day, the monthly cap of $5,000.00 runs out on Tuesday 24 June.", MonthlyForecast.Describe(overview));
    }

    [Fact]
    public void Describe_SaysToday_WhenItRunsOutToday()
    {
        var overview = SampleData.Overview() with { MonthlyCapExhaustedOn = SampleData.Today };

        Assert.EndsWith("runs out today.", MonthlyForecast.Describe(overview), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SaysTheCapLasts_WhenThePaceDoesNotReachIt()
    {
        Assert.Equal(
            "At the last 7 days' average of $88.86 a day, the monthly cap of $5,000.00 lasts past the end of the month.",
            MonthlyForecast.Describe(SampleData.Overview()));
        Assert.Equal(
            "Nothing was spent in the last 7 days; at that pace the monthly cap of $5,000.00 lasts the month.",
            MonthlyForecast.Describe(SampleData.Overview() with { AverageDailyUsd = 0 }));
    }

    [Fact]
    public void Describe_SaysTheCapIsReached_OrThatThereIsNone()
    {
        var reached = SampleData.Overview() with { Caps = [new BudgetStanding("monthly", "month:2025-06", 100m, 99.5m, 0.5m, 0m)] };

        Assert.StartsWith("This month's spend has reached the monthly cap of $100.00", MonthlyForecast.Describe(reached), StringComparison.Ordinal);
        Assert.StartsWith("No monthly cap is set", MonthlyForecast.Describe(SampleData.Overview() with { Caps = [] }), StringComparison.Ordinal);
    }
}
