using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Dashboard;
using Orch.Core.Events;
using Orch.Core.Storage;

namespace Orch.Admin.Dashboard;

/// <summary>
/// Keeps the dashboard's live pages up to date without any page polling the database. The process subscribes
/// to the <see cref="EventHub"/> once, here; a burst of events (a task's start, its model calls, its
/// completion) settles for <see cref="Window"/>, and then every <see cref="SharedReading{T}"/> that an open
/// page watches is read once and handed to all its watchers. So each window costs one read per distinct
/// reading, however many pages are open, and nothing at all when none is.
/// </summary>
/// <remarks>
/// Work done by another process on the same database (an MCP server beside the dashboard, another node) never
/// reaches this process's hub. So while anything is watched, a quiet feed also asks the event log for its last
/// sequence number every <see cref="TailEvery"/>: one indexed query for the whole process. It re-reads as well
/// when a minute turns, so that the last hour's throughput moves on while nothing happens.
/// </remarks>
internal sealed class DashboardFeed : BackgroundService
{
    /// <summary>How long a burst of events may settle before the one re-read it causes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a quiet, watched feed looks for events written by other processes.</summary>
    public static readonly TimeSpan TailEvery = TimeSpan.FromSeconds(2);

    // Far more than a window's worth of events: the loop drains them as they come.
    private const int QueueCapacity = 4_096;

    private readonly EventHub hub;
    private readonly Func<CancellationToken, Task<long?>> lastSequence;
    private readonly TimeSpan window;
    private readonly TimeSpan tailEvery;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private IRefreshable[] readings = [];

    public DashboardFeed(EventHub hub, IDbContextFactory<OrchDbContext> contexts, TimeProvider clock, ILogger<DashboardFeed> logger)
        : this(hub, cancellationToken => LastSequenceAsync(contexts, cancellationToken), Window, TailEvery, clock, logger)
    {
    }

    internal DashboardFeed(EventHub hub, Func<CancellationToken, Task<long?>> lastSequence, TimeSpan window, TimeSpan tailEvery, TimeProvider clock, ILogger logger)
    {
        this.hub = hub;
        this.lastSequence = lastSequence;
        this.window = window;
        this.tailEvery = tailEvery;
        this.clock = clock;
        this.logger = logger;
    }

    private enum Wake
    {
        Events,
        Quiet,
        Lost,
    }

    /// <summary>A reading kept fresh by this feed from now on, while anyone watches it.</summary>
    public SharedReading<T> Add<T>(string name, Func<CancellationToken, Task<T>> read)
        where T : class
    {
        var reading = new SharedReading<T>(name, read, logger);
        lock (gate)
        {
            readings = [.. readings, reading];
        }

        return reading;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long seen = 0;
        var refreshedAt = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var subscription = hub.Subscribe(capacity: QueueCapacity);
                var lost = false;
                while (!lost)
                {
                    var changed = false;
                    switch (await WaitAsync(subscription.Reader, stoppingToken))
                    {
                        case Wake.Events:
                            seen = Math.Max(seen, Drain(subscription.Reader));
                            // Let the rest of the burst arrive: it costs no second read.
                            await Task.Delay(window, clock, stoppingToken);
                            seen = Math.Max(seen, Drain(subscription.Reader));
                            changed = true;
                            break;
                        case Wake.Quiet:
                            (changed, seen) = await TailAsync(seen, refreshedAt, stoppingToken);
                            break;
                        case Wake.Lost:
                            // Cut off for falling behind: some changes went unseen, so everything is read again.
                            DashboardLog.Resubscribed(logger);
                            lost = changed = true;
                            break;
                    }

                    if (changed)
                    {
                        refreshedAt = clock.GetUtcNow();
                        await RefreshAsync(stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static async Task<long?> LastSequenceAsync(IDbContextFactory<OrchDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Events.MaxAsync(e => (long?)e.Sequence, cancellationToken);
    }

    private static long Drain(ChannelReader<OrchEvent> reader)
    {
        long last = 0;
        while (reader.TryRead(out var orchEvent))
        {
            last = Math.Max(last, orchEvent.Sequence);
        }

        return last;
    }

    private async Task<Wake> WaitAsync(ChannelReader<OrchEvent> reader, CancellationToken stoppingToken)
    {
        using var quiet = new CancellationTokenSource(tailEvery, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, quiet.Token);
        try
        {
            return await reader.WaitToReadAsync(either.Token) ? Wake.Events : Wake.Lost;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return Wake.Quiet;
        }
    }

    /// <summary>Whether anything changed that this process's hub did not say: another process's events, or a new minute.</summary>
    private async Task<(bool Changed, long Seen)> TailAsync(long seen, DateTimeOffset refreshedAt, CancellationToken stoppingToken)
    {
        if (!Volatile.Read(ref readings).Any(r => r.IsWatched))
        {
            return (false, seen);
        }

        var minuteTurned = OverviewReader.Minute(clock.GetUtcNow()) != OverviewReader.Minute(refreshedAt);
        long last;
        try
        {
            last = await lastSequence(stoppingToken) ?? 0;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            DashboardLog.TailFailed(logger, tailEvery.TotalSeconds, ex);
            return (minuteTurned, seen);
        }

        return (last > seen || minuteTurned, Math.Max(seen, last));
    }

    private Task RefreshAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Volatile.Read(ref readings).Select(r => r.RefreshAsync(stoppingToken)));
}
