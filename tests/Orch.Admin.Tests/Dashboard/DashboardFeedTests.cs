using Microsoft.Extensions.Logging.Abstractions;
using Orch.Admin.Dashboard;
using Orch.Core.Events;
using Orch.Testing;

namespace Orch.Admin.Tests.Dashboard;

/// <summary>
/// The live feed behind the dashboard's pages: however many pages watch a reading, a burst of events costs
/// one read, and nothing is read for readings nobody watches.
/// </summary>
public sealed class DashboardFeedTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task TwentyWatchingPages_ShareOneReadPerBurstOfEvents()
    {
        var hub = new EventHub();
        await using var feed = await StartAsync(hub, tailEvery: TimeSpan.FromHours(1));
        var reads = 0;
        var reading = feed.Feed.Add("counter", _ => Task.FromResult(new Value(Interlocked.Increment(ref reads))));
        var pages = Enumerable.Range(0, 20).Select(_ => new Page(reading)).ToList();

        // Twenty pages open at once: one read between them.
        var first = await Task.WhenAll(pages.Select(p => reading.CurrentAsync(Ct)));
        Assert.All(first, v => Assert.Same(first[0], v));
        Assert.Equal(1, reads);

        // A burst of events, as a task's run makes: one read, the same value for every page.
        for (var i = 0; i < 50; i++)
        {
            hub.Publish([new OrchEvent(EventTypes.TaskModelCall, DateTimeOffset.UtcNow, null, null, "{}")]);
        }

        var second = await Task.WhenAll(pages.Select(p => p.NextAsync()));
        Assert.All(second, v => Assert.Equal(2, v.Number));
        Assert.Equal(2, reads);

        // Quiet: nothing more is read.
        await Task.Delay(Window * 3, Ct);
        Assert.Equal(2, reads);
        foreach (var page in pages)
        {
            page.Dispose();
        }
    }

    [Fact]
    public async Task UnwatchedReadings_AreNotReadOnEvents_AndKeepNoStaleValue()
    {
        var hub = new EventHub();
        await using var feed = await StartAsync(hub, tailEvery: TimeSpan.FromHours(1));
        var reads = 0;
        var reading = feed.Feed.Add("counter", _ => Task.FromResult(new Value(Interlocked.Increment(ref reads))));

        hub.Publish([new OrchEvent(EventTypes.TaskCompleted, DateTimeOffset.UtcNow, null, null, "{}")]);
        await Task.Delay(Window * 3, Ct);
        Assert.Equal(0, reads);

        // Asked for while nobody watches: read each time, as nothing keeps a kept value fresh.
        Assert.Equal(1, (await reading.CurrentAsync(Ct)).Number);
        Assert.Equal(2, (await reading.CurrentAsync(Ct)).Number);

        // A page that closed hears nothing more, and its reading is read no more.
        var page = new Page(reading);
        page.Dispose();
        hub.Publish([new OrchEvent(EventTypes.TaskCompleted, DateTimeOffset.UtcNow, null, null, "{}")]);
        await Task.Delay(Window * 3, Ct);
        Assert.Equal(2, reads);
        Assert.Equal(0, page.Received);
    }

    [Fact]
    public async Task AQuietFeed_NoticesEventsOfOtherProcesses_InTheEventLog()
    {
        var hub = new EventHub();
        long lastSequence = 0;
        await using var feed = await StartAsync(hub, tailEvery: TimeSpan.FromMilliseconds(100), () => Interlocked.Read(ref lastSequence));
        var reads = 0;
        var reading = feed.Feed.Add("counter", _ => Task.FromResult(new Value(Interlocked.Increment(ref reads))));
        using var page = new Page(reading);
        await reading.CurrentAsync(Ct);

        // Another process appended events: this process's hub never hears of them, the log's tail does.
        Interlocked.Exchange(ref lastSequence, 42);
        var changed = await page.NextAsync();

        Assert.True(changed.Number >= 2);
    }

    private static async Task<RunningFeed> StartAsync(EventHub hub, TimeSpan tailEvery, Func<long>? lastSequence = null)
    {
        var feed = new DashboardFeed(hub, _ => Task.FromResult<long?>(lastSequence?.Invoke() ?? 0), Window, tailEvery, TimeProvider.System, NullLogger.Instance);
        await feed.StartAsync(Ct);
        return new RunningFeed(feed);
    }

    private sealed record Value(int Number);

    private sealed class RunningFeed(DashboardFeed feed) : IAsyncDisposable
    {
        public DashboardFeed Feed => feed;

        public async ValueTask DisposeAsync()
        {
            await feed.StopAsync(CancellationToken.None);
            feed.Dispose();
        }
    }

    /// <summary>A page watching a reading: the values it was handed, one at a time.</summary>
    private sealed class Page : IDisposable
    {
        private readonly IDisposable watch;
        private readonly System.Threading.Channels.Channel<Value> values = System.Threading.Channels.Channel.CreateUnbounded<Value>();
        private int received;

        public Page(SharedReading<Value> reading) => watch = reading.Watch(value =>
        {
            Interlocked.Increment(ref received);
            return values.Writer.WriteAsync(value).AsTask();
        });

        public int Received => Volatile.Read(ref received);

        public async Task<Value> NextAsync() => await values.Reader.ReadAsync(Ct);

        public void Dispose() => watch.Dispose();
    }
}
