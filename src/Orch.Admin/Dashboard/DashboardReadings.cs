using Orch.Core;
using Orch.Core.Budgets;
using Orch.Core.Dashboard;

namespace Orch.Admin.Dashboard;

/// <summary>What the dashboard's live pages show, each shared by all the pages that show it (see <see cref="SharedReading{T}"/>).</summary>
internal sealed class DashboardReadings
{
    private readonly DashboardFeed feed;
    private readonly UsageReader usage;
    private readonly Lock gate = new();
    private readonly Dictionary<int, SharedReading<UsageReport>> usageByDays = [];

    public DashboardReadings(DashboardFeed feed, OverviewReader overview, UsageReader usage)
    {
        this.feed = feed;
        this.usage = usage;
        Overview = feed.Add("overview", overview.ReadAsync);
    }

    public SharedReading<Overview> Overview { get; }

    /// <summary>The usage report of the last <paramref name="days"/> days; one shared reading per period.</summary>
    public SharedReading<UsageReport> Usage(int days)
    {
        if (days is < 1 or > UsageReader.MaxDays)
        {
            throw new InvalidInputException("days", $"must be between 1 and {UsageReader.MaxDays} (was {days}).");
        }

        // Under a lock, so that two pages asking at once share one reading rather than each keeping its own.
        lock (gate)
        {
            if (!usageByDays.TryGetValue(days, out var reading))
            {
                reading = feed.Add($"usage of {days} days", cancellationToken => usage.ReadAsync(days, cancellationToken));
                usageByDays.Add(days, reading);
            }

            return reading;
        }
    }
}
