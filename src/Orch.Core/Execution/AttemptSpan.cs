namespace Orch.Core.Execution;

/// <summary>
/// One attempt at a task as a timeline draws it: when it started and ended (no end while it runs), how it
/// ended, and on which tier and model.
/// </summary>
public sealed record AttemptSpan(
    Guid TaskId,
    int Attempt,
    RunStatus Status,
    string? Tier,
    string? Model,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
