using Orch.Core;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Radzen;

namespace Orch.Admin.Components.Runs;

/// <summary>How the run pages word and colour states, and which task controls a state allows (Core's own rules).</summary>
internal static class RunStates
{
    /// <summary>The word the graph and the CSS use: the status in lower case.</summary>
    public static string Word(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.BudgetExceeded => "budgetexceeded",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The status as the dashboard names it (as the plan pages do): "Completed", and "Budget exceeded" rather than "BudgetExceeded".</summary>
    public static string Spoken(PlanTaskStatus status) => status == PlanTaskStatus.BudgetExceeded ? "Budget exceeded" : status.ToString();

    /// <summary>Tasks that have ended, whichever way (completed, skipped, failed or cancelled): how far along a run is.</summary>
    public static bool IsFinished(PlanTaskStatus status) =>
        status is PlanTaskStatus.Completed or PlanTaskStatus.Skipped or PlanTaskStatus.Failed or PlanTaskStatus.Cancelled;

    public static BadgeStyle Badge(ProjectStatus status) => status switch
    {
        ProjectStatus.Running => BadgeStyle.Info,
        ProjectStatus.Paused => BadgeStyle.Warning,
        ProjectStatus.Completed => BadgeStyle.Success,
        ProjectStatus.Failed => BadgeStyle.Danger,
        ProjectStatus.Cancelled => BadgeStyle.Light,
        _ => BadgeStyle.Secondary,
    };

    public static BadgeStyle Badge(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.Running or PlanTaskStatus.Verifying => BadgeStyle.Info,
        PlanTaskStatus.Completed => BadgeStyle.Success,
        PlanTaskStatus.Failed or PlanTaskStatus.BudgetExceeded => BadgeStyle.Danger,
        PlanTaskStatus.Review or PlanTaskStatus.Blocked => BadgeStyle.Warning,
        PlanTaskStatus.Ready => BadgeStyle.Primary,
        _ => BadgeStyle.Light,
    };

    /// <summary>As <see cref="Orch.Core.Execution.ExecutionService.RetryTaskAsync"/> allows: a failed, budget-stopped or reviewed task.</summary>
    public static bool CanRetry(PlanTaskStatus status) =>
        status is PlanTaskStatus.Failed or PlanTaskStatus.BudgetExceeded or PlanTaskStatus.Review;

    /// <summary>As <see cref="Orch.Core.Execution.ExecutionService.SkipTaskAsync"/> allows: a task that may still become skipped.</summary>
    public static bool CanSkip(PlanTaskStatus status) => StatusTransitions.PlanTask.IsAllowed(status, PlanTaskStatus.Skipped);

    /// <summary>A project whose tasks no longer change: no task control is offered.</summary>
    public static bool IsOver(ProjectStatus status) => status is ProjectStatus.Completed or ProjectStatus.Cancelled;
}
