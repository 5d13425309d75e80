using System.Globalization;

namespace Orch.Admin.Components.Lists;

/// <summary>Times as the lists write them: how long ago, and the exact time in UTC for a tooltip.</summary>
internal static class Ago
{
    public static string Text(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        // Under a minute, or ahead of this clock (another node's clock may run a little fast).
        if (span < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return $"{(int)span.TotalMinutes} min ago";
        }

        if (span < TimeSpan.FromDays(1))
        {
            return $"{(int)span.TotalHours} h ago";
        }

        var days = (int)span.TotalDays;
        return days == 1 ? "1 day ago" : $"{days.ToString("N0", CultureInfo.InvariantCulture)} days ago";
    }

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
