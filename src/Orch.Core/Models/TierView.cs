namespace Orch.Core.Models;

/// <summary>A tier in effect: its provider and model, its prices in USD per million tokens, and the most output one call may write.</summary>
public sealed record TierView(
    string Name,
    string Provider,
    string Model,
    decimal? InputUsdPerMillion,
    decimal? OutputUsdPerMillion,
    int MaxOutputTokens);
