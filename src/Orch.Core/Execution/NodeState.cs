namespace Orch.Core.Execution;

/// <summary>Whether a node that runs work is still there, as its heartbeat tells.</summary>
public enum NodeState
{
    /// <summary>Beat within the lease: it is running.</summary>
    Alive,

    /// <summary>Silent for longer than a lease without saying goodbye: it most likely died, and recovery takes its runs back.</summary>
    Stale,

    /// <summary>Shut down cleanly.</summary>
    Stopped,
}
