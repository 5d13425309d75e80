namespace Orch.Core.Execution;

/// <summary>One attempt at a task: who ran it on which model, when, and what came of it.</summary>
public sealed class TaskRun
{
    // For EF Core.
    private TaskRun()
    {
    }

    public TaskRun(Guid id, Guid projectId, Guid planTaskId, int attempt, DateTimeOffset now)
    {
        Id = id;
        ProjectId = projectId;
        PlanTaskId = planTaskId;
        Attempt = attempt;
        Status = RunStatus.Enqueued;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public Guid PlanTaskId { get; private set; }

    /// <summary>1 for the first attempt at the task.</summary>
    public int Attempt { get; private set; }

    public RunStatus Status { get; private set; }

    public string? Tier { get; private set; }

    public string? Provider { get; private set; }

    public string? Model { get; private set; }

    /// <summary>The node or assistant that runs it.</summary>
    public string? Worker { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The result, or the partial result of a run that stopped early.</summary>
    public string? Output { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The worker holds the run until then; its node renews the lease while alive. An expired lease means the run was lost.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>Model calls of the tool loop.</summary>
    public int Rounds { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    /// <summary>What its model calls cost, verification included.</summary>
    public long CostMicros { get; private set; }

    /// <summary>Workspace files the run wrote, relative to the workspace.</summary>
    public List<string> Files { get; private set; } = [];

    /// <summary>The verifier's answer: pass, gaps or needs_person; null before verification.</summary>
    public string? Verdict { get; private set; }

    public string? VerdictDetail { get; private set; }

    public long RowVersion { get; private set; }

    public void Lease(DateTimeOffset until) => LeaseExpiresAt = until;

    /// <summary>Records what the attempt used: its model, rounds, tokens, cost and the files it wrote.</summary>
    public void Record(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Tier = result.Tier ?? Tier;
        Provider = result.Provider ?? Provider;
        Model = result.Model ?? Model;
        Rounds = result.Rounds;
        InputTokens = result.InputTokens;
        OutputTokens = result.OutputTokens;
        CostMicros = result.CostMicros;
        Files = [.. result.Files];
    }

    /// <summary>Adds the verifier's call to the attempt's totals.</summary>
    public void AddVerification(long inputTokens, long outputTokens, long costMicros)
    {
        InputTokens += inputTokens;
        OutputTokens += outputTokens;
        CostMicros += costMicros;
    }

    public void Judge(string verdict, string? detail)
    {
        Verdict = verdict;
        VerdictDetail = detail;
    }

    public void Start(string worker, string? tier, string? provider, string? model, DateTimeOffset now)
    {
        StatusTransitions.Run.Ensure(Status, RunStatus.Running, Id);
        Status = RunStatus.Running;
        Worker = worker;
        Tier = tier;
        Provider = provider;
        Model = model;
        StartedAt = now;
    }

    public void Succeed(string output, DateTimeOffset now) => End(RunStatus.Succeeded, output, null, now);

    public void Fail(string error, string? partialOutput, DateTimeOffset now) => End(RunStatus.Failed, partialOutput, error, now);

    public void Cancel(string? partialOutput, DateTimeOffset now) => End(RunStatus.Cancelled, partialOutput, null, now);

    public void Interrupt(string reason, DateTimeOffset now) => End(RunStatus.Interrupted, Output, reason, now);

    public void ExceedBudget(string? partialOutput, string detail, DateTimeOffset now) => End(RunStatus.BudgetExceeded, partialOutput, detail, now);

    private void End(RunStatus next, string? output, string? error, DateTimeOffset now)
    {
        StatusTransitions.Run.Ensure(Status, next, Id);
        Status = next;
        Output = output;
        Error = error;
        EndedAt = now;
    }
}
