using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Reads the nodes that run work on this database (several when several processes share a PostgreSQL
/// database), from the heartbeat each keeps (<see cref="NodeHeartbeat"/>).
/// </summary>
public sealed class NodeReader(IDbContextFactory<OrchDbContext> contextFactory, NodeIdentity self, IOptionsMonitor<ExecutionOptions> options, TimeProvider clock)
{
    /// <summary>How many nodes are shown: every start of a process adds one, and the oldest matter least.</summary>
    public const int MaxShown = 50;

    /// <summary>The nodes that beat most recently first; this process's own first of all when it is among them.</summary>
    public async Task<IReadOnlyList<NodeView>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.Nodes.AsNoTracking()
            .OrderByDescending(n => n.HeartbeatAt)
            .ThenBy(n => n.Id)
            .Take(MaxShown)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // A node beats every third of a lease; silent for a whole one, its runs' leases ran out too and recovery takes them back.
        var lease = TimeSpan.FromSeconds(options.CurrentValue.LeaseSeconds);
        return [.. nodes
            .Select(n => new NodeView(
                n.Id,
                n.Host,
                n.Machine,
                n.ProcessId,
                n.StartedAt,
                n.HeartbeatAt,
                n.StoppedAt,
                n.StoppedAt is not null ? NodeState.Stopped : now - n.HeartbeatAt <= lease ? NodeState.Alive : NodeState.Stale,
                n.Id == self.Id))
            .OrderByDescending(n => n.IsThisProcess)];
    }
}
