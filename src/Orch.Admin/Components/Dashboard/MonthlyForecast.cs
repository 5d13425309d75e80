using System.Globalization;
using Orch.Core.Dashboard;

namespace Orch.Admin.Components.Dashboard;

/// <summary>The overview's projection of the monthly cap, in words.</summary>
internal static class MonthlyForecast
{
    public const string MonthlyCap = "monthly";

    public static string Describe(Overview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var cap = overview.Caps.FirstOrDefault(c => c.Cap == MonthlyCap);
        if (cap is null)
        {
            return "No monthly cap is set: spend is limited by the other caps only.";
        }

        var capText = $"the monthly cap of {Usd.Format(cap.CapUsd)}";
        if (cap.RemainingUsd <= 0)
        {
            return $"This month's spend has reached {capText}: no more model calls run until the month ends or the cap is raised.";
        }

        if (overview.AverageDailyUsd <= 0)
        {
            return $"Nothing was spent in the last 7 days; at that pace {capText} lasts the month.";
        }

        var pace = $"At the last 7 days' average of {Usd.Format(overview.AverageDailyUsd)} a day, {capText}";
        var today = overview.MonthToDate.Count > 0 ? overview.MonthToDate[^1].Day : (DateOnly?)null;
        return overview.MonthlyCapExhaustedOn switch
        {
            { } day when day == today => $"{pace} runs out today.",
            { } day => $"{pace} runs out on {day.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}.",
            null => $"{pace} lasts past the end of the month.",
        };
    }
}
