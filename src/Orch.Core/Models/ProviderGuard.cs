using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Orch.Core.Models;

/// <summary>
/// Everything that protects one provider, shared by all calls to it: request and token rate
/// limits, retries of transient failures (exponential backoff with jitter, honouring retry-after),
/// and a circuit breaker. Retries sit outside the breaker, so an open circuit is not retried.
/// </summary>
public sealed partial class ProviderGuard : IDisposable
{
    private readonly string provider;
    private readonly ProviderGuardSettings settings;
    private readonly ILogger logger;
    private readonly CircuitBreakerStateProvider circuit = new();
    private readonly ResiliencePipeline pipeline;
    private readonly SlidingWindowRateLimiter? requests;
    private readonly TokenBucketRateLimiter? tokens;
    private int attempts;

    public ProviderGuard(string provider, ProviderGuardSettings settings, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.provider = provider;
        this.settings = settings;
        this.logger = logger;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ProviderException>(e => e.IsTransient && (e.RetryAfter is null || e.RetryAfter <= settings.MaxRetryAfter)),
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryAfter,
                // The server knows best: its retry-after, when it gives one, replaces our backoff.
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Exception is ProviderException { RetryAfter: { } wait } ? wait : null),
                OnRetry = args =>
                {
                    LogRetry(logger, this.provider, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            // A trial call the caller abandoned proves nothing: while half-open it counts as a failure,
            // so that the circuit never closes without a call that actually succeeded.
            ShouldHandle = new PredicateBuilder()
                .Handle<ProviderException>(e => e.IsTransient)
                .Handle<OperationCanceledException>(_ => circuit.CircuitState == CircuitState.HalfOpen),
            FailureRatio = settings.CircuitFailureRatio,
            MinimumThroughput = settings.CircuitMinimumCalls,
            SamplingDuration = settings.CircuitSampling,
            BreakDuration = settings.CircuitBreak,
            StateProvider = circuit,
            OnOpened = args =>
            {
                LogCircuitOpened(logger, this.provider, args.BreakDuration.TotalSeconds);
                return default;
            },
        });
        pipeline = builder.Build();

        if (settings.RequestsPerWindow > 0)
        {
            requests = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.RequestsPerWindow,
                Window = settings.RateWindow,
                SegmentsPerWindow = 6,
                QueueLimit = 100_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        if (settings.TokensPerWindow > 0)
        {
            var segments = 6;
            tokens = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = (int)Math.Min(int.MaxValue, settings.TokensPerWindow),
                TokensPerPeriod = (int)Math.Max(1, Math.Min(int.MaxValue, settings.TokensPerWindow / segments)),
                ReplenishmentPeriod = settings.RateWindow / segments,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    public CircuitState CircuitState => circuit.CircuitState;

    /// <summary>How many calls reached the provider, retries included.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>True when a call made now would have to wait for the rate limit.</summary>
    public bool IsRateLimited =>
        requests?.GetStatistics()?.CurrentAvailablePermits <= 0 || tokens?.GetStatistics()?.CurrentAvailablePermits <= 0;

    /// <summary>Remaining permits this window: requests and tokens (null where there is no limit).</summary>
    public (long? Requests, long? Tokens) Headroom =>
        (requests?.GetStatistics()?.CurrentAvailablePermits, tokens?.GetStatistics()?.CurrentAvailablePermits);

    /// <summary>Runs one call under the limits, retries and breaker. Waits for rate-limit permits first.</summary>
    public async Task<T> ExecuteAsync<T>(long estimatedTokens, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    // Permits are taken for every attempt, retries included: each one is a request to the provider.
                    using var requestLease = requests is null ? null : await requests.AcquireAsync(1, token);
                    using var tokenLease = tokens is null ? null : await tokens.AcquireAsync((int)Math.Clamp(estimatedTokens, 1, settings.TokensPerWindow), token);
                    if (requestLease is { IsAcquired: false } || tokenLease is { IsAcquired: false })
                    {
                        throw new ProviderException(provider, "the rate limit queue is full; try again later.", isTransient: true);
                    }

                    Interlocked.Increment(ref attempts);
                    return await call(token);
                },
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ProviderException(provider, $"too many recent calls failed; calls are paused for up to {settings.CircuitBreak.TotalSeconds:0} s.", isTransient: false, retryAfter: ex.RetryAfter, innerException: ex);
        }
    }

    public void Dispose()
    {
        requests?.Dispose();
        tokens?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider}: attempt {Attempt} failed, retrying in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, string provider, int attempt, double delayMs, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider}: circuit opened for {Seconds} s after repeated failures")]
    private static partial void LogCircuitOpened(ILogger logger, string provider, double seconds);
}
