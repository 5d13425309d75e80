namespace Orch.Core.Plans;

/// <summary>
/// The execution state of a task of an approved plan. Named so as not to clash with
/// <see cref="System.Threading.Tasks.TaskStatus"/>.
/// </summary>
public enum PlanTaskStatus
{
    /// <summary>Waiting for its dependencies.</summary>
    Pending,

    /// <summary>Every dependency completed; waiting for a worker.</summary>
    Ready,

    Running,

    /// <summary>The result is being checked against the acceptance criteria.</summary>
    Verifying,

    /// <summary>The verifier could not decide: a person has to.</summary>
    Review,

    Completed,
    Failed,

    /// <summary>A dependency failed or was cancelled; it will not run unless that changes.</summary>
    Blocked,

    /// <summary>A person chose not to run it; its dependents may run.</summary>
    Skipped,

    Cancelled,

    /// <summary>Stopped because a budget cap would have been passed; keeps its partial result.</summary>
    BudgetExceeded,
}
