using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orch.Core.Execution;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// Completes tasks on a data directory's database at a steady rate, from a process other than the
/// dashboard's, as an engine beside it (an MCP server, another node) would: each task is claimed with
/// <see cref="TaskClaimer"/> and completed with <see cref="TaskStateStore.CompleteAsync"/>, the calls the
/// engine records an attempt with, so that the same rows and events (task.started, task.verifying,
/// task.completed, task.ready for dependents) reach the event log. Only the model's work is left out: the
/// result is a fixed answer with a small tier's tokens and cost.
/// </summary>
internal sealed class CompletionDriver : IAsyncDisposable
{
    /// <summary>How often the driver catches up with its schedule; a tick completes what the rate owes by then.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private const int MaxBatch = 50;

    private static readonly Verdict Passed = new(Verdict.Pass, "no acceptance criteria to judge against");

    private readonly IHost host;

    private CompletionDriver(IHost host)
    {
        this.host = host;
    }

    public static async Task<CompletionDriver> StartAsync(string dataDirectory, int planSize, CancellationToken cancellationToken) =>
        new(await CoreHost.StartAsync(dataDirectory, planSize, new Dictionary<string, string?>
        {
            // No dispatcher: the driver claims itself. Its claims never lapse while it works, heartbeat or not.
            ["Orch:Execution:RunTasks"] = "false",
            ["Orch:Execution:LeaseSeconds"] = "3600",
            ["Orch:Execution:MaxConcurrentTasks"] = "10000",
            ["Orch:Execution:MaxConcurrentTasksPerProject"] = "10000",
        }, cancellationToken));

    /// <summary>
    /// Completes <paramref name="perSecond"/> tasks a second for <paramref name="duration"/>, or until the
    /// projects run out of work. Attempts are in flight as in a busy engine: <paramref name="running"/> (claimed before, oldest
    /// first) complete first, and every task claimed replaces one completed, so as many stay running.
    /// </summary>
    public async Task<DriverResult> RunAsync(double perSecond, TimeSpan duration, IEnumerable<ClaimedRun> running, CancellationToken cancellationToken)
    {
        var claimer = host.Services.GetRequiredService<TaskClaimer>();
        var store = host.Services.GetRequiredService<TaskStateStore>();
        var inFlight = new Queue<ClaimedRun>(running);
        var completed = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) is var elapsed && elapsed < duration)
        {
            var owed = (int)Math.Min(MaxBatch, Math.Floor(perSecond * elapsed.TotalSeconds) - completed);
            if (owed > 0)
            {
                var claims = await claimer.ClaimAsync(owed, cancellationToken);
                foreach (var claim in claims)
                {
                    inFlight.Enqueue(claim);
                }

                if (inFlight.Count == 0)
                {
                    // Nothing running and nothing ready: the projects ran out of work, and the rate cannot be kept.
                    break;
                }

                // Concurrently, as the engine's attempts end: the store's group commit may write them together.
                var ending = Enumerable.Range(0, Math.Min(owed, inFlight.Count)).Select(_ => inFlight.Dequeue()).ToList();
                var written = await Task.WhenAll(ending.Select(claim => store.CompleteAsync(claim, Result(claim), Passed, cancellationToken)));
                completed += written.Count(w => w);
            }

            await Task.Delay(Tick, cancellationToken);
        }

        return new DriverResult(completed, Stopwatch.GetElapsedTime(started));
    }

    public ValueTask DisposeAsync() => new(CoreHost.StopAsync(host));

    /// <summary>One call on the small tier (1 and 2 USD per million tokens in and out): 600 tokens in, 250 out.</summary>
    private static RunResult Result(ClaimedRun claim) => new(
        RunEnding.Answered,
        $"Done: {claim.Task.Title}.",
        null,
        [],
        1,
        600,
        250,
        (600 * 1) + (250 * 2),
        "small",
        "offline",
        "offline-rules");
}
