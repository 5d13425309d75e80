namespace Orch.Core.Models;

public enum ProviderAvailability
{
    Available,

    /// <summary>The last health check failed.</summary>
    Down,

    /// <summary>Too many recent calls failed: calls are refused until the break ends.</summary>
    CircuitOpen,

    /// <summary>No request or token permits are left in the current window.</summary>
    RateLimited,
}
