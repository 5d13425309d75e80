using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>An attempt this node claimed: the run row exists, the task is running, the lease is this node's.</summary>
public sealed record ClaimedRun(
    Guid RunId,
    Guid TaskId,
    Guid ProjectId,
    Guid PlanId,
    int Attempt,
    PlanTaskDefinition Task,
    int Escalation,
    string? Feedback);
