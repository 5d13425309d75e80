using System.Reflection;

namespace Orch.Core.Execution;

/// <summary>This process as a node that runs work: a name unique among the processes sharing the database.</summary>
public sealed class NodeIdentity
{
    public NodeIdentity()
    {
        Host = Assembly.GetEntryAssembly()?.GetName().Name ?? "orch";
        Machine = Environment.MachineName;
        ProcessId = Environment.ProcessId;
        // The random part keeps a restarted process (same pid after a reboot, or in a container) apart from its predecessor.
        Id = $"{Machine}/{Host}/{ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string Id { get; }

    public string Host { get; }

    public string Machine { get; }

    public int ProcessId { get; }
}
