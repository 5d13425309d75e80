using Microsoft.Extensions.Options;

namespace Orch.Core.Models;

/// <summary>Reads what this process knows about its providers (health, circuit, rate limits) and the tiers it routes to. Nothing here touches the database or the network.</summary>
public sealed class ProviderReader(ProviderRegistry registry, ProviderStatusBoard board, IOptions<ModelOptions> options)
{
    /// <summary>Every configured provider, in the order of the settings.</summary>
    public IReadOnlyList<ProviderReport> Providers() =>
        [.. registry.Names.Select(name =>
        {
            var entry = registry.Get(name);
            var state = board.StateOf(name);
            var (requests, tokens) = entry.Guard.Headroom;
            var settings = entry.Options;
            return new ProviderReport(
                name,
                settings.Kind,
                string.IsNullOrWhiteSpace(settings.BaseUrl) ? null : SecretMask.MaskInside(settings.BaseUrl),
                state.Availability,
                state.Detail,
                state.CheckedAt,
                entry.Guard.CircuitState,
                settings.CircuitBreakSeconds,
                settings.RequestsPerMinute,
                requests,
                settings.TokensPerMinute,
                tokens,
                entry.Guard.Attempts);
        })];

    /// <summary>The tiers, cheapest first.</summary>
    public IReadOnlyList<TierView> Tiers() =>
        [.. options.Value.Tiers.Select(t => new TierView(t.Name, t.Provider, t.Model, t.InputUsdPerMillion, t.OutputUsdPerMillion, t.MaxOutputTokens))];
}
