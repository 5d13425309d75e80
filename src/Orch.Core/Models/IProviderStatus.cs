namespace Orch.Core.Models;

/// <summary>Whether each provider can take a call now (health, circuit, rate limit).</summary>
public interface IProviderStatus
{
    ProviderState StateOf(string provider);
}
