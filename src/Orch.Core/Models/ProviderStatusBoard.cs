using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace Orch.Core.Models;

/// <summary>
/// What Orch knows about each provider right now: the last health check, the circuit and the rate
/// limit. A provider not yet checked counts as available: a failing call trips its circuit soon enough.
/// </summary>
public sealed class ProviderStatusBoard(ProviderRegistry registry) : IProviderStatus
{
    private readonly ConcurrentDictionary<string, (bool Up, string? Detail, DateTimeOffset At)> health = new(StringComparer.OrdinalIgnoreCase);

    public void ReportHealth(string provider, bool up, string? detail, DateTimeOffset at) => health[provider] = (up, detail, at);

    public ProviderState StateOf(string provider)
    {
        if (!registry.TryGet(provider, out var entry))
        {
            return new ProviderState(provider, ProviderKind.Offline, ProviderAvailability.Down, "not configured", null);
        }

        health.TryGetValue(provider, out var checkedHealth);
        var at = checkedHealth.At == default ? (DateTimeOffset?)null : checkedHealth.At;
        if (at is not null && !checkedHealth.Up)
        {
            return new ProviderState(provider, entry.Options.Kind, ProviderAvailability.Down, checkedHealth.Detail, at);
        }

        if (entry.Guard.CircuitState is CircuitState.Open or CircuitState.Isolated)
        {
            return new ProviderState(provider, entry.Options.Kind, ProviderAvailability.CircuitOpen, "recent calls failed", at);
        }

        if (entry.Guard.IsRateLimited)
        {
            return new ProviderState(provider, entry.Options.Kind, ProviderAvailability.RateLimited, "no permits left in this window", at);
        }

        return new ProviderState(provider, entry.Options.Kind, ProviderAvailability.Available, checkedHealth.Detail, at);
    }

    public IReadOnlyList<ProviderState> All() => [.. registry.Names.Select(StateOf)];
}
