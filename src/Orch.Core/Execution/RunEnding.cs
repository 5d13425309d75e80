namespace Orch.Core.Execution;

/// <summary>How an attempt's tool loop ended, before verification.</summary>
public enum RunEnding
{
    /// <summary>The model answered without asking for more tools: the result goes to the verifier.</summary>
    Answered,

    /// <summary>A failure that may pass: timeout, rate limit, a provider's 5xx, no tier available.</summary>
    TransientFailure,

    /// <summary>A failure that will not pass by trying again: refused request, unpriced model, round or token limit.</summary>
    Failed,

    /// <summary>A reservation was refused: a cap would have been passed.</summary>
    BudgetExceeded,

    /// <summary>Cancelled by a person (the task or its project).</summary>
    Cancelled,

    /// <summary>This node is shutting down; the task goes back to run elsewhere or later.</summary>
    Interrupted,
}
