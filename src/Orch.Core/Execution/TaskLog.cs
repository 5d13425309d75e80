namespace Orch.Core.Execution;

/// <summary>Everything that happened to one task: its attempts, each model call, and its events in order.</summary>
public sealed record TaskLog(
    Guid TaskId,
    string Key,
    string Title,
    Plans.PlanTaskStatus Status,
    IReadOnlyList<TaskLogAttempt> Attempts,
    IReadOnlyList<TaskLogCall> Calls,
    IReadOnlyList<TaskLogEntry> Entries);

/// <summary>One attempt at the task.</summary>
public sealed record TaskLogAttempt(
    Guid RunId,
    int Attempt,
    RunStatus Status,
    string? Worker,
    string? Tier,
    string? Model,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    string? Verdict,
    string? VerdictDetail,
    string? Error);

/// <summary>One model call made for the task (the attempt's own, the judge's, a tool's).</summary>
public sealed record TaskLogCall(
    Guid? RunId,
    int? Attempt,
    string Purpose,
    string Provider,
    string Model,
    string? Tier,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    long LatencyMs,
    DateTimeOffset OccurredAt);

/// <summary>One event of the task, with its payload as stored (JSON).</summary>
public sealed record TaskLogEntry(long Sequence, DateTimeOffset OccurredAt, string Type, string Payload);
