using Orch.Core;
using Orch.Core.Budgets;
using Orch.Core.Dashboard;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Admin.Dashboard;

/// <summary>What the dashboard's live pages show, each shared by all the pages that show it (see <see cref="SharedReading{T}"/>).</summary>
internal sealed class DashboardReadings
{
    private readonly DashboardFeed feed;
    private readonly UsageReader usage;
    private readonly Lock gate = new();
    private readonly Dictionary<int, SharedReading<UsageReport>> usageByDays = [];
    private readonly PlanningService planning;
    private readonly Dictionary<Guid, SharedReading<PlanReview>> planReviews = [];
    private readonly RunBoardReader boards;
    private readonly TaskDetailReader details;
    private readonly Dictionary<Guid, SharedReading<RunBoard>> runBoards = [];
    private readonly Dictionary<(Guid, string), SharedReading<TaskDetail>> taskDetails = [];

    public DashboardReadings(DashboardFeed feed, OverviewReader overview, UsageReader usage, ProjectListReader projects, ApprovalQueueReader approvals, ServicesReader services, PlanningService planning, RunBoardReader boards, TaskDetailReader details)
    {
        this.feed = feed;
        this.usage = usage;
        this.planning = planning;
        this.boards = boards;
        this.details = details;
        Overview = feed.Add("overview", overview.ReadAsync);
        Projects = feed.Add("projects", projects.ReadAsync);
        Approvals = feed.Add("approvals", approvals.ReadAsync);
        Services = feed.Add("services", services.ReadAsync);
    }

    public SharedReading<Overview> Overview { get; }

    /// <summary>Every project as the list of projects shows it.</summary>
    public SharedReading<IReadOnlyList<ProjectListItem>> Projects { get; }

    /// <summary>The plans waiting for a person; the navigation's badge watches it on every page.</summary>
    public SharedReading<IReadOnlyList<PendingApproval>> Approvals { get; }

    /// <summary>
    /// Providers, nodes and settings. Provider health and circuits change without an event: the feed's re-read when
    /// a minute turns keeps them at most a minute old.
    /// </summary>
    public SharedReading<ServicesReport> Services { get; }

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
    /// A project's newest plan version with its budget and spend; one shared reading per project. Ask only for a
    /// project known to exist: readings are kept for the life of the process, one per project asked for.
    /// </summary>
    public SharedReading<PlanReview> PlanReviewOf(Guid projectId)
    {
        lock (gate)
        {
            if (!planReviews.TryGetValue(projectId, out var reading))
            {
                reading = feed.Add($"plan review of {projectId}", cancellationToken => planning.ReviewAsync(projectId, cancellationToken));
                planReviews.Add(projectId, reading);
            }

            return reading;
        }
    }

    /// <summary>A project's run for the run view; one shared reading per project. Ask only for a project known to exist.</summary>
    public SharedReading<RunBoard> RunBoardOf(Guid projectId)
    {
        lock (gate)
        {
            if (!runBoards.TryGetValue(projectId, out var reading))
            {
                reading = feed.Add($"run of {projectId}", cancellationToken => boards.ReadAsync(projectId, cancellationToken));
                runBoards.Add(projectId, reading);
            }

            return reading;
        }
    }

    /// <summary>One task's detail; one shared reading per task. Ask only for a task known to exist.</summary>
    public SharedReading<TaskDetail> TaskDetailOf(Guid projectId, string key)
    {
        lock (gate)
        {
            if (!taskDetails.TryGetValue((projectId, key), out var reading))
            {
                reading = feed.Add($"task {key} of {projectId}", cancellationToken => details.ReadAsync(projectId, key, cancellationToken));
                taskDetails.Add((projectId, key), reading);
            }

            return reading;
        }
    }
}
