using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Core;

/// <summary>Every allowed status change in Orch, in one place. Entities call these before they change.</summary>
public static class StatusTransitions
{
    public static TransitionTable<ProjectStatus> Project { get; } = new("project", new()
    {
        [ProjectStatus.Draft] = [ProjectStatus.Approved, ProjectStatus.Cancelled],
        // Revising after approval starts a new draft version; nothing had run yet.
        [ProjectStatus.Approved] = [ProjectStatus.Running, ProjectStatus.Draft, ProjectStatus.Cancelled],
        [ProjectStatus.Running] = [ProjectStatus.Paused, ProjectStatus.Completed, ProjectStatus.Failed, ProjectStatus.Cancelled],
        [ProjectStatus.Paused] = [ProjectStatus.Running, ProjectStatus.Cancelled],
        // Retrying or skipping the failed task runs the project again.
        [ProjectStatus.Failed] = [ProjectStatus.Running, ProjectStatus.Cancelled],
        [ProjectStatus.Completed] = [],
        [ProjectStatus.Cancelled] = [],
    });

    public static TransitionTable<PlanStatus> Plan { get; } = new("plan", new()
    {
        [PlanStatus.Draft] = [PlanStatus.Approved, PlanStatus.Superseded, PlanStatus.Rejected],
        // Its content stays frozen; superseded only says a newer approved version replaced it.
        [PlanStatus.Approved] = [PlanStatus.Superseded],
        [PlanStatus.Superseded] = [],
        [PlanStatus.Rejected] = [],
    });

    public static TransitionTable<PlanTaskStatus> PlanTask { get; } = new("task", new()
    {
        [PlanTaskStatus.Pending] = [PlanTaskStatus.Ready, PlanTaskStatus.Blocked, PlanTaskStatus.Skipped, PlanTaskStatus.Cancelled],
        [PlanTaskStatus.Ready] = [PlanTaskStatus.Running, PlanTaskStatus.Skipped, PlanTaskStatus.Cancelled],
        // Back to Ready: a transient failure, an expired lease or a crash; the task runs again.
        [PlanTaskStatus.Running] = [PlanTaskStatus.Verifying, PlanTaskStatus.Ready, PlanTaskStatus.Failed, PlanTaskStatus.Cancelled, PlanTaskStatus.BudgetExceeded],
        // Back to Ready: the verifier found gaps and the task is retried with its feedback.
        [PlanTaskStatus.Verifying] = [PlanTaskStatus.Completed, PlanTaskStatus.Ready, PlanTaskStatus.Review, PlanTaskStatus.Failed, PlanTaskStatus.Cancelled],
        [PlanTaskStatus.Review] = [PlanTaskStatus.Completed, PlanTaskStatus.Ready, PlanTaskStatus.Failed, PlanTaskStatus.Skipped, PlanTaskStatus.Cancelled],
        [PlanTaskStatus.Failed] = [PlanTaskStatus.Ready, PlanTaskStatus.Skipped],
        [PlanTaskStatus.BudgetExceeded] = [PlanTaskStatus.Ready, PlanTaskStatus.Failed, PlanTaskStatus.Skipped],
        // Back to Pending: the failed dependency was retried or skipped.
        [PlanTaskStatus.Blocked] = [PlanTaskStatus.Pending, PlanTaskStatus.Skipped, PlanTaskStatus.Cancelled],
        [PlanTaskStatus.Completed] = [],
        [PlanTaskStatus.Skipped] = [],
        [PlanTaskStatus.Cancelled] = [],
    });

    public static TransitionTable<RunStatus> Run { get; } = new("run", new()
    {
        [RunStatus.Enqueued] = [RunStatus.Running, RunStatus.Cancelled, RunStatus.Interrupted],
        [RunStatus.Running] = [RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled, RunStatus.Interrupted, RunStatus.BudgetExceeded],
        [RunStatus.Succeeded] = [],
        [RunStatus.Failed] = [],
        [RunStatus.Cancelled] = [],
        [RunStatus.Interrupted] = [],
        [RunStatus.BudgetExceeded] = [],
    });

    public static TransitionTable<ReservationStatus> Reservation { get; } = new("budget reservation", new()
    {
        [ReservationStatus.Held] = [ReservationStatus.Committed, ReservationStatus.Released],
        [ReservationStatus.Committed] = [],
        [ReservationStatus.Released] = [],
    });
}
