using Orch.Core.Budgets;

namespace Orch.Core.Models;

/// <summary>What a call costs on a tier, from the tokens the provider reported.</summary>
public static class ModelPricing
{
    /// <summary>Micro-dollars, rounded up: Orch never under-counts spend.</summary>
    public static long CostMicros(TierOptions tier, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(tier);
        // USD per million tokens × tokens = micro-dollars.
        // Only offline tiers may leave a price unset (start-up refuses the rest), and they cost nothing.
        var micros = (inputTokens * (tier.InputUsdPerMillion ?? 0m)) + (outputTokens * (tier.OutputUsdPerMillion ?? 0m));
        return (long)decimal.Ceiling(micros);
    }

    public static decimal CostUsd(TierOptions tier, long inputTokens, long outputTokens) => Money.ToUsd(CostMicros(tier, inputTokens, outputTokens));
}
