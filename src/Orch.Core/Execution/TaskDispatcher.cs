using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Events;

namespace Orch.Core.Execution;

/// <summary>
/// This node's dispatch loop: claims ready tasks while it has free slots and runs each claimed
/// attempt in the background. It wakes when a task becomes ready in this process (from the event
/// stream), when a slot frees up, or on a short poll for work made ready by other processes.
/// Dispatch is on dependencies met, task by task, never by waves.
/// </summary>
public sealed partial class TaskDispatcher(
    IServiceProvider services,
    RunningTasks running,
    DispatchSignal signal,
    EventHub hub,
    ILogger<TaskDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimCoalescing = TimeSpan.FromMilliseconds(3);
    private readonly List<Task> inFlight = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ExecutionOptions>>();
        if (!options.CurrentValue.RunTasks)
        {
            return;
        }

        var claimer = services.GetRequiredService<TaskClaimer>();
        var executor = services.GetRequiredService<AttemptExecutor>();
        var relay = RelayAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var settings = options.CurrentValue;
                var free = settings.MaxConcurrentTasks - running.Count;
                IReadOnlyList<ClaimedRun> claims = [];
                if (free > 0)
                {
                    try
                    {
                        claims = await claimer.ClaimAsync(free, stoppingToken);
                    }
                    catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
                    {
                        LogClaimFailed(logger, ex);
                    }
                }

                foreach (var claim in claims)
                {
                    Start(executor, claim, stoppingToken);
                }

                if (claims.Count > 0 && claims.Count == free)
                {
                    continue;
                }

                if (await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken) && running.Count > 0)
                {
                    // Completions arrive in bursts: a moment's wait lets one claim serve several of them.
                    await Task.Delay(ClaimCoalescing, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: attempts in flight see the same token and end as interrupted.
        }

        Task[] pending;
        lock (inFlight)
        {
            pending = [.. inFlight];
        }

        await Task.WhenAll(pending);
        await relay;
    }

    private void Start(AttemptExecutor executor, ClaimedRun claim, CancellationToken stopping)
    {
        var cancel = running.Add(claim);
        var work = Task.Run(async () =>
        {
            try
            {
                await executor.ExecuteAsync(claim, stopping, cancel);
            }
            catch (Exception ex)
            {
                // The run's lease then expires and recovery puts the task back.
                LogAttemptCrashed(logger, claim.Task.Key, claim.Attempt, ex);
            }
            finally
            {
                running.Remove(claim.RunId);
                signal.Notify();
            }
        }, CancellationToken.None);
        lock (inFlight)
        {
            inFlight.Add(work);
            inFlight.RemoveAll(t => t.IsCompleted);
        }
    }

    /// <summary>Turns committed events that may free work into wake-ups; subscribes again if it ever falls behind.</summary>
    private async Task RelayAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var readiness = hub.Subscribe(e => e.Type is EventTypes.TaskReady or EventTypes.ProjectStatusChanged or EventTypes.ProjectExecuted, 1024);
                await foreach (var _ in readiness.Reader.ReadAllAsync(stoppingToken))
                {
                    signal.Notify();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming ready tasks failed; trying again at the next poll")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} of task {Task} ended with an unexpected error")]
    private static partial void LogAttemptCrashed(ILogger logger, string task, int attempt, Exception exception);
}
