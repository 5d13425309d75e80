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
    private readonly KeyedReadings<int, UsageReport> usageByDays;
    private readonly KeyedReadings<Guid, PlanReview> planReviews;
    private readonly KeyedReadings<Guid, RunBoard> runBoards;
    private readonly KeyedReadings<(Guid ProjectId, string Key), TaskDetail> taskDetails;

    public DashboardReadings(DashboardFeed feed, OverviewReader overview, UsageReader usage, ProjectListReader projects, ApprovalQueueReader approvals, ServicesReader services, PlanningService planning, RunBoardReader boards, TaskDetailReader details)
    {
        Overview = feed.Add("overview", overview.ReadAsync);
        Projects = feed.Add("projects", projects.ReadAsync);
        Approvals = feed.Add("approvals", approvals.ReadAsync);
        Services = feed.Add("services", services.ReadAsync);
        usageByDays = new(feed, days => $"usage of {days} days", usage.ReadAsync);
        planReviews = new(feed, projectId => $"plan review of {projectId}", planning.ReviewAsync);
        runBoards = new(feed, projectId => $"run of {projectId}", boards.ReadAsync);
        taskDetails = new(feed, task => $"task {task.Key} of {task.ProjectId}", (task, cancellationToken) => details.ReadAsync(task.ProjectId, task.Key, cancellationToken));
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
    public SharedReading<UsageReport> Usage(int days) =>
        days is < 1 or > UsageReader.MaxDays
            ? throw new InvalidInputException("days", $"must be between 1 and {UsageReader.MaxDays} (was {days}).")
            : usageByDays.For(days);

    /// <summary>
    /// A project's newest plan version with its budget and spend; one shared reading per project. Ask only for a
    /// project known to exist: readings are kept for the life of the process, one per project asked for.
    /// </summary>
    public SharedReading<PlanReview> PlanReviewOf(Guid projectId) => planReviews.For(projectId);

    /// <summary>A project's run for the run view; one shared reading per project. Ask only for a project known to exist.</summary>
    public SharedReading<RunBoard> RunBoardOf(Guid projectId) => runBoards.For(projectId);

    /// <summary>One task's detail; one shared reading per task. Ask only for a task known to exist.</summary>
    public SharedReading<TaskDetail> TaskDetailOf(Guid projectId, string key) => taskDetails.For((projectId, key));
}
