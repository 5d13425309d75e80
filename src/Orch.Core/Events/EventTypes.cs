namespace Orch.Core.Events;

/// <summary>The names of the events Orch appends. Stable: programs and the dashboard filter on them.</summary>
public static class EventTypes
{
    public const string ProjectCreated = "project.created";
    public const string ProjectStatusChanged = "project.status_changed";
    public const string ProjectBudgetChanged = "project.budget_changed";
    public const string PlanDrafted = "plan.drafted";
    public const string PlanApproved = "plan.approved";
    public const string PlanRejected = "plan.rejected";
    public const string PlanSuperseded = "plan.superseded";
    public const string BudgetWarning = "budget.warning";
    public const string ProjectExecuted = "project.executed";
    public const string TaskReady = "task.ready";
    public const string TaskStarted = "task.started";
    public const string TaskModelCall = "task.model_call";
    public const string TaskToolCall = "task.tool_call";
    public const string TaskVerifying = "task.verifying";
    public const string TaskVerified = "task.verified";
    public const string TaskCompleted = "task.completed";
    public const string TaskRetrying = "task.retrying";
    public const string TaskFailed = "task.failed";
    public const string TaskBlocked = "task.blocked";
    public const string TaskUnblocked = "task.unblocked";
    public const string TaskReview = "task.review";
    public const string TaskSkipped = "task.skipped";
    public const string TaskCancelled = "task.cancelled";
    public const string TaskBudgetExceeded = "task.budget_exceeded";
    public const string TaskInterrupted = "task.interrupted";
    public const string ControlRequested = "control.requested";
}
