namespace Orch.Core.Plans;

/// <summary>
/// One task of one plan version. Its definition is fixed when the version is created; once the
/// version is approved, only its execution state (status, attempts, times) moves.
/// </summary>
public sealed class PlanTask
{
    // Fields, not settable lists: an approved version's definition must not change through them.
    private readonly List<string> tools;
    private readonly List<string> acceptanceCriteria;
    private readonly List<string> dependsOn;

    // For EF Core; the definition properties are set from the row.
    private PlanTask()
    {
        Key = Title = Description = string.Empty;
        tools = [];
        acceptanceCriteria = [];
        dependsOn = [];
    }

    internal PlanTask(Guid id, Guid planId, Guid projectId, int position, PlanTaskDefinition definition)
    {
        Id = id;
        PlanId = planId;
        ProjectId = projectId;
        Position = position;
        Key = definition.Key;
        Title = definition.Title;
        Description = definition.Description;
        Kind = definition.Kind;
        Complexity = definition.Complexity;
        Tier = definition.Tier;
        tools = [.. definition.Tools];
        acceptanceCriteria = [.. definition.AcceptanceCriteria];
        Priority = definition.Priority;
        dependsOn = [.. definition.DependsOn];
        EstimatedCostMicros = definition.EstimatedCostMicros;
        TimeoutSeconds = definition.TimeoutSeconds;
        MaxAttempts = definition.MaxAttempts;
        Status = PlanTaskStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary>The task's place in the plan as written, for stable listings.</summary>
    public int Position { get; private set; }

    /// <summary>Stable within the plan and across its versions; dependencies name tasks by key.</summary>
    public string Key { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public TaskKind Kind { get; private set; }

    public TaskComplexity Complexity { get; private set; }

    /// <summary>The starting model tier; null lets the router choose from kind and complexity.</summary>
    public string? Tier { get; private set; }

    public IReadOnlyList<string> Tools => tools;

    public IReadOnlyList<string> AcceptanceCriteria => acceptanceCriteria;

    /// <summary>Higher runs first among tasks that are ready at the same time.</summary>
    public int Priority { get; private set; }

    public IReadOnlyList<string> DependsOn => dependsOn;

    public long EstimatedCostMicros { get; private set; }

    /// <summary>How long one attempt may run; null for the engine's default.</summary>
    public int? TimeoutSeconds { get; private set; }

    /// <summary>How many attempts the task gets in all; null for the engine's default.</summary>
    public int? MaxAttempts { get; private set; }

    public PlanTaskStatus Status { get; private set; }

    /// <summary>How many attempts (task runs) were started.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>A task made ready again after a transient failure waits until then (backoff).</summary>
    public DateTimeOffset? NotBefore { get; private set; }

    /// <summary>How many tiers above its starting tier the next attempt runs (after the verifier found gaps).</summary>
    public int Escalation { get; private set; }

    /// <summary>How many times a run of it was interrupted (its node died) and it was put back.</summary>
    public int Interruptions { get; private set; }

    /// <summary>What the verifier found missing, given to the next attempt.</summary>
    public string? Feedback { get; private set; }

    /// <summary>The accepted result; what its dependents are given. Empty for a skipped task.</summary>
    public string? Output { get; private set; }

    /// <summary>Why it failed, was blocked or waits for a person — short, for status listings.</summary>
    public string? Error { get; private set; }

    public long RowVersion { get; private set; }

    public PlanTaskDefinition ToDefinition() => new(
        Key, Title, Description, Kind, Complexity, Tier, [.. tools], [.. acceptanceCriteria], Priority, [.. dependsOn], EstimatedCostMicros, TimeoutSeconds, MaxAttempts);

    /// <summary>The only properties that change once the task's plan version exists: its execution state.</summary>
    internal static readonly IReadOnlySet<string> ExecutionState = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Status), nameof(Attempts), nameof(StartedAt), nameof(CompletedAt), nameof(RowVersion),
        nameof(NotBefore), nameof(Escalation), nameof(Interruptions), nameof(Feedback), nameof(Output), nameof(Error),
    };

    /// <summary>Put back to run again: after a transient failure (with a backoff), gaps found by the verifier, or an interrupted run.</summary>
    public void Requeue(DateTimeOffset now, DateTimeOffset? notBefore, string? reason)
    {
        TransitionTo(PlanTaskStatus.Ready, now);
        NotBefore = notBefore;
        Error = reason;
    }

    /// <summary>The verifier found gaps: the next attempt gets its feedback, on a tier higher when escalation allows.</summary>
    public void RetryWithFeedback(string feedback, bool escalate, DateTimeOffset now)
    {
        TransitionTo(PlanTaskStatus.Ready, now);
        Feedback = feedback;
        NotBefore = null;
        Error = null;
        if (escalate)
        {
            Escalation++;
        }
    }

    public void Interrupted(DateTimeOffset now, string reason)
    {
        Interruptions++;
        Requeue(now, null, reason);
    }

    public void Complete(string output, DateTimeOffset now)
    {
        TransitionTo(PlanTaskStatus.Completed, now);
        Output = output;
        Error = null;
    }

    /// <summary>Ends the task in a state other than completed, with a short reason.</summary>
    public void End(PlanTaskStatus next, string? reason, DateTimeOffset now)
    {
        TransitionTo(next, now);
        Error = reason;
        if (next == PlanTaskStatus.Skipped)
        {
            // Counts as done for its dependents, with nothing to give them.
            Output = string.Empty;
        }
    }

    public void TransitionTo(PlanTaskStatus next, DateTimeOffset now)
    {
        StatusTransitions.PlanTask.Ensure(Status, next, Key);
        if (next == PlanTaskStatus.Running)
        {
            Attempts++;
            StartedAt ??= now;
        }

        if (StatusTransitions.PlanTask.IsFinal(next) || next is PlanTaskStatus.Failed or PlanTaskStatus.BudgetExceeded)
        {
            CompletedAt = now;
        }
        else
        {
            CompletedAt = null;
        }

        Status = next;
    }
}
