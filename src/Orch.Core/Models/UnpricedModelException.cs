namespace Orch.Core.Models;

/// <summary>A call was about to go to a paid provider's tier that has no price: refused, never counted as free.</summary>
public sealed class UnpricedModelException(string tier, string provider)
    : OrchException($"Tier '{tier}' (provider {provider}) has no input or output price, so its calls cannot be budgeted; set Orch:Models:Tiers prices for it.")
{
    public string Tier { get; } = tier;

    public string Provider { get; } = provider;
}
