using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Orch.Core.Models;
using Orch.Testing;
using Polly.CircuitBreaker;

namespace Orch.Core.Tests.Models;

/// <summary>Retries, rate limits and the circuit breaker around one provider, in real short windows.</summary>
public sealed class ProviderGuardTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static ProviderGuardSettings Settings(
        int retries = 3,
        int requests = 0,
        long tokens = 0,
        int window = 400,
        int minimumCalls = 100,
        int breakMs = 600) =>
        new(retries, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5), requests, tokens, TimeSpan.FromMilliseconds(window), 0.5, minimumCalls, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(breakMs));

    private static ProviderGuard Guard(ProviderGuardSettings settings) => new("test", settings, TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task TransientFailures_AreRetried_ThenSucceed()
    {
        using var guard = Guard(Settings(retries: 3));
        var calls = 0;

        var result = await guard.ExecuteAsync(10, _ => ++calls < 3 ? throw new ProviderException("test", "HTTP 503", isTransient: true, 503) : Task.FromResult("ok"), Ct);

        Assert.Equal(("ok", 3, 3), (result, calls, guard.Attempts));
    }

    [Fact]
    public async Task PermanentFailures_AreNotRetried()
    {
        using var guard = Guard(Settings(retries: 3));
        var calls = 0;

        await Assert.ThrowsAsync<ProviderException>(() => guard.ExecuteAsync<string>(10, _ =>
        {
            calls++;
            throw new ProviderException("test", "HTTP 401", isTransient: false, 401);
        }, Ct));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RetriesGiveUp_AfterTheConfiguredCount()
    {
        using var guard = Guard(Settings(retries: 2));
        var calls = 0;

        var error = await Assert.ThrowsAsync<ProviderException>(() => guard.ExecuteAsync<string>(10, _ =>
        {
            calls++;
            throw new ProviderException("test", "HTTP 500", isTransient: true, 500);
        }, Ct));

        Assert.Equal((3, 500), (calls, error.StatusCode));
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        using var guard = Guard(Settings(retries: 1));
        var times = new List<long>();

        await guard.ExecuteAsync(10, _ =>
        {
            times.Add(Stopwatch.GetTimestamp());
            return times.Count == 1
                ? throw new ProviderException("test", "HTTP 429", isTransient: true, 429, TimeSpan.FromMilliseconds(700))
                : Task.FromResult(true);
        }, Ct);

        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromMilliseconds(650), $"waited {Stopwatch.GetElapsedTime(times[0], times[1]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheLimit_IsNotWaitedFor()
    {
        using var guard = Guard(Settings(retries: 3));
        var calls = 0;

        var error = await Assert.ThrowsAsync<ProviderException>(() => guard.ExecuteAsync<bool>(10, _ =>
        {
            calls++;
            throw new ProviderException("test", "HTTP 429", isTransient: true, 429, TimeSpan.FromHours(1));
        }, Ct));

        Assert.Equal((1, TimeSpan.FromHours(1)), (calls, error.RetryAfter));
    }

    [Fact]
    public async Task RequestLimit_MakesTheNextCallWait_ForTheWindow()
    {
        using var guard = Guard(Settings(requests: 2, window: 600));
        var started = Stopwatch.GetTimestamp();
        await guard.ExecuteAsync(1, _ => Task.FromResult(1), Ct);
        await guard.ExecuteAsync(1, _ => Task.FromResult(2), Ct);
        Assert.True(guard.IsRateLimited);
        Assert.Equal(0, guard.Headroom.Requests);

        await guard.ExecuteAsync(1, _ => Task.FromResult(3), Ct);

        // The sliding window frees a slot only once one segment of the window has passed.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(90), $"took {Stopwatch.GetElapsedTime(started).TotalMilliseconds} ms");
        Assert.Equal(3, guard.Attempts);
    }

    [Fact]
    public async Task TokenLimit_IsSpentByEstimatedTokens()
    {
        using var guard = Guard(Settings(tokens: 600, window: 60_000));
        await guard.ExecuteAsync(600, _ => Task.FromResult(1), Ct);

        Assert.True(guard.IsRateLimited);
        Assert.Equal(0, guard.Headroom.Tokens);
        using var soon = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        soon.CancelAfter(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => guard.ExecuteAsync(100, _ => Task.FromResult(2), soon.Token));
    }

    [Fact]
    public async Task Circuit_Opens_AfterRepeatedFailures_RefusesCalls_ThenLetsOneTryAfterTheBreak()
    {
        using var guard = Guard(Settings(retries: 0, minimumCalls: 3, breakMs: 500));
        var calls = 0;
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => guard.ExecuteAsync<int>(1, _ =>
            {
                calls++;
                throw new ProviderException("test", "HTTP 502", isTransient: true, 502);
            }, Ct));
        }

        Assert.Equal(CircuitState.Open, guard.CircuitState);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => guard.ExecuteAsync(1, _ => Task.FromResult(++calls), Ct));
        Assert.False(refused.IsTransient);
        Assert.Equal(3, calls);

        await Task.Delay(TimeSpan.FromMilliseconds(600), Ct);
        Assert.Equal(4, await guard.ExecuteAsync(1, _ => Task.FromResult(++calls), Ct));
        Assert.Equal(CircuitState.Closed, guard.CircuitState);
    }

    [Fact]
    public async Task Retries_TakeRateLimitPermits_Too()
    {
        using var guard = Guard(Settings(retries: 3, requests: 2, window: 600));
        var calls = 0;
        var started = Stopwatch.GetTimestamp();

        await guard.ExecuteAsync(1, _ => ++calls < 3 ? throw new ProviderException("test", "HTTP 500", isTransient: true, 500) : Task.FromResult(true), Ct);

        // Three requests against two permits a window: the third waited for the window to slide.
        Assert.Equal(3, calls);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(90), $"took {Stopwatch.GetElapsedTime(started).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AnAbandonedTrialCall_DoesNotCloseTheCircuit()
    {
        using var guard = Guard(Settings(retries: 0, minimumCalls: 2, breakMs: 500));
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => guard.ExecuteAsync<int>(1, _ => throw new ProviderException("test", "HTTP 503", isTransient: true, 503), Ct));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(600), Ct);
        using var abandon = new CancellationTokenSource();
        var trial = guard.ExecuteAsync(1, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 1;
        }, abandon.Token);
        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trial);

        Assert.Equal(CircuitState.Open, guard.CircuitState);
    }
}
