namespace Orch.Core.Models;

/// <summary>A cheap call that tells whether a provider answers (e.g. its model list).</summary>
public interface IProviderProbe
{
    /// <summary>Throws (or returns false) when the provider cannot take calls; the message says why.</summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken);
}
