namespace Orch.Core.Execution;

/// <summary>How the engine runs tasks, under <c>Orch:Execution</c>.</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Orch:Execution";

    /// <summary>Tasks running at once, across every project and every node sharing the database.</summary>
    public int MaxConcurrentTasks { get; set; } = 8;

    /// <summary>Tasks of one project running at once.</summary>
    public int MaxConcurrentTasksPerProject { get; set; } = 4;

    /// <summary>Model calls of one attempt's tool loop; a model still calling tools after this many stops the attempt.</summary>
    public int MaxToolRounds { get; set; } = 12;

    /// <summary>Tokens (in + out) one attempt may use over all its rounds.</summary>
    public int MaxTokensPerAttempt { get; set; } = 200_000;

    /// <summary>How long one attempt may run when its task does not say.</summary>
    public int TaskTimeoutSeconds { get; set; } = 600;

    /// <summary>Attempts a task gets in all (transient failures and verifier retries) when it does not say.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Retries with the verifier's feedback after it found gaps, before a person decides.</summary>
    public int MaxVerificationRetries { get; set; } = 1;

    /// <summary>Check results with the judge model against the task's acceptance criteria.</summary>
    public bool Verify { get; set; } = true;

    /// <summary>The tier the judge runs on; empty for the planning tier.</summary>
    public string? JudgeTier { get; set; }

    /// <summary>When a verdict of gaps is left with no retries: <c>Review</c> (a person decides) or <c>Fail</c>.</summary>
    public string GapsWithoutRetries { get; set; } = "Review";

    /// <summary>First backoff after a transient failure; doubles each attempt, with jitter.</summary>
    public int RetryBaseDelayMs { get; set; } = 2_000;

    public int RetryMaxDelayMs { get; set; } = 120_000;

    /// <summary>A running attempt's lease; its node renews it at a third of this. A node silent this long is taken as dead.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a node looks for work that other processes made ready (its own work it sees at once).</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>How often the recovery job looks for lost runs and stalled projects.</summary>
    public int RecoverySeconds { get; set; } = 10;

    /// <summary>How often an interrupted task is put back before it fails instead.</summary>
    public int MaxInterruptions { get; set; } = 3;

    /// <summary>
    /// How long an assistant holds a task it claimed to do itself before the task goes back to the
    /// pool. Nothing renews it: the assistant's work is one call away from its result.
    /// </summary>
    public int AssistantLeaseSeconds { get; set; } = 900;

    /// <summary>Where project workspaces live; empty for <c>workspaces</c> under the data directory.</summary>
    public string? WorkspaceDirectory { get; set; }

    /// <summary>Largest file the workspace tools read or write, in bytes.</summary>
    public int MaxFileBytes { get; set; } = 1_048_576;

    /// <summary>Run tasks in this process. Off for a process that only plans or watches.</summary>
    public bool RunTasks { get; set; } = true;
}
