namespace Orch.Core.Models;

/// <summary>A model tier: a provider, a model on it, and its price. Tiers are listed cheapest first.</summary>
public sealed class TierOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The name of an entry under <c>Orch:Models:Providers</c>.</summary>
    public string Provider { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    /// <summary>USD per million prompt tokens. Required for every provider but the offline one (0 for a local model).</summary>
    public decimal? InputUsdPerMillion { get; set; }

    /// <summary>USD per million output tokens. Required like <see cref="InputUsdPerMillion"/>.</summary>
    public decimal? OutputUsdPerMillion { get; set; }

    /// <summary>The most output tokens one call may produce; the worst-case cost assumes all of them.</summary>
    public int MaxOutputTokens { get; set; } = 4_096;
}
