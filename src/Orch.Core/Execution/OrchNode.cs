namespace Orch.Core.Execution;

/// <summary>
/// One Orch process that runs work (an MCP server, a dashboard). It beats while alive; the runs
/// of a node whose heartbeat stopped are taken back by recovery.
/// </summary>
public sealed class OrchNode
{
    // For EF Core.
    private OrchNode()
    {
        Id = Host = Machine = string.Empty;
    }

    public OrchNode(string id, string host, string machine, int processId, DateTimeOffset now)
    {
        Id = id;
        Host = host;
        Machine = machine;
        ProcessId = processId;
        StartedAt = now;
        HeartbeatAt = now;
    }

    public string Id { get; private set; }

    /// <summary>Which program it is: Orch.Mcp, Orch.Admin, a bench.</summary>
    public string Host { get; private set; }

    public string Machine { get; private set; }

    public int ProcessId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset HeartbeatAt { get; private set; }

    /// <summary>Set when the node shut down cleanly.</summary>
    public DateTimeOffset? StoppedAt { get; private set; }

    public long RowVersion { get; private set; }
}
