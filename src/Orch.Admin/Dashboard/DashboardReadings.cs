using Orch.Core;
using Orch.Core.Budgets;
using Orch.Core.Dashboard;
using Orch.Core.Execution;

namespace Orch.Admin.Dashboard;

/// <summary>What the dashboard's live pages show, each shared by all the pages that show it (see <see cref="SharedReading{T}"/>).</summary>
internal sealed class DashboardReadings
{
    private readonly DashboardFeed feed;
    private readonly UsageReader usage;
    private readonly Lock gate = new();
    private readonly Dictionary<int, SharedReading<UsageReport>> usageByDays = [];
    private readonly RunBoardReader boards;
    private readonly TaskDetailReader details;
    private readonly Dictionary<Guid, SharedReading<RunBoard>> runsByProject = [];
    private readonly Dictionary<(Guid Project, string Key), SharedReading<TaskDetail>> tasksByKey = [];

    public DashboardReadings(DashboardFeed feed, OverviewReader overview, UsageReader usage, RunBoardReader boards, TaskDetailReader details)
    {
        this.feed = feed;
        this.usage = usage;
        this.boards = boards;
        this.details = details;
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

    /// <summary>
    /// A project's run board; one shared reading per project. Ask for it only for a project known to exist (the
    /// page reads it once first): a reading, once made, lives as long as the process.
    /// </summary>
    public SharedReading<RunBoard> Run(Guid projectId)
    {
        lock (gate)
        {
            if (!runsByProject.TryGetValue(projectId, out var reading))
            {
                reading = feed.Add($"run of {projectId}", cancellationToken => boards.ReadAsync(projectId, cancellationToken));
                runsByProject.Add(projectId, reading);
            }

            return reading;
        }
    }

    /// <summary>A task's detail; one shared reading per task. As with <see cref="Run"/>, only for a task known to exist.</summary>
    public SharedReading<TaskDetail> Task(Guid projectId, string key)
    {
        lock (gate)
        {
            if (!tasksByKey.TryGetValue((projectId, key), out var reading))
            {
                reading = feed.Add($"task {key} of {projectId}", cancellationToken => details.ReadAsync(projectId, key, cancellationToken));
                tasksByKey.Add((projectId, key), reading);
            }

            return reading;
        }
    }
}
