namespace Orch.Core.Budgets;

/// <summary>Money is kept as whole micro-dollars (1 USD = 1,000,000) so that sums are exact and sortable everywhere.</summary>
public static class Money
{
    public const long MicrosPerDollar = 1_000_000;

    /// <summary>Rounds to the nearest micro-dollar, halves away from zero.</summary>
    public static long ToMicros(decimal usd) => (long)decimal.Round(usd * MicrosPerDollar, MidpointRounding.AwayFromZero);

    public static decimal ToUsd(long micros) => (decimal)micros / MicrosPerDollar;
}
