namespace Orch.Core.Execution;

/// <summary>The state of one attempt at a task.</summary>
public enum RunStatus
{
    Enqueued,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>The process running it stopped (crash, kill, lost lease); the task runs again.</summary>
    Interrupted,

    BudgetExceeded,
}
