namespace Orch.Core.Models;

/// <summary>The protection around one provider, in time spans (the options speak minutes and seconds).</summary>
public sealed record ProviderGuardSettings(
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    TimeSpan MaxRetryAfter,
    int RequestsPerWindow,
    long TokensPerWindow,
    TimeSpan RateWindow,
    double CircuitFailureRatio,
    int CircuitMinimumCalls,
    TimeSpan CircuitSampling,
    TimeSpan CircuitBreak)
{
    /// <summary>A provider asking to wait longer than this is treated as failing now rather than waited for.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromMinutes(2);

    public static ProviderGuardSettings From(ProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(
            options.MaxRetries,
            TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
            DefaultMaxRetryAfter,
            options.RequestsPerMinute,
            options.TokensPerMinute,
            TimeSpan.FromMinutes(1),
            options.CircuitFailureRatio,
            options.CircuitMinimumCalls,
            TimeSpan.FromSeconds(options.CircuitSamplingSeconds),
            TimeSpan.FromSeconds(options.CircuitBreakSeconds));
    }
}
