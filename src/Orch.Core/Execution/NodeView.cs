namespace Orch.Core.Execution;

/// <summary>One node that runs work on this database, as its heartbeat row says; <paramref name="IsThisProcess"/> marks the reader's own.</summary>
public sealed record NodeView(
    string Id,
    string Host,
    string Machine,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? StoppedAt,
    NodeState State,
    bool IsThisProcess);
