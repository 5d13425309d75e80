namespace Orch.Core.Events;

/// <summary>The names of the events Orch appends. Stable: programs and the dashboard filter on them.</summary>
public static class EventTypes
{
    public const string ProjectCreated = "project.created";
    public const string ProjectStatusChanged = "project.status_changed";
    public const string PlanDrafted = "plan.drafted";
    public const string PlanApproved = "plan.approved";
    public const string PlanRejected = "plan.rejected";
    public const string PlanSuperseded = "plan.superseded";
    public const string BudgetWarning = "budget.warning";
}
