using System.Threading.Channels;

namespace Orch.Core.Events;

/// <summary>
/// One live subscriber's queue of committed events, in sequence order. A subscriber that falls
/// <see cref="EventHub.DefaultCapacity"/> events behind is cut off (<see cref="Overflowed"/>, its
/// reader completes) rather than slowing everyone else: it reads on from the event log by sequence.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly EventHub hub;
    private readonly Channel<OrchEvent> channel;
    private readonly Func<OrchEvent, bool>? filter;
    private int overflowed;

    internal EventSubscription(EventHub hub, int capacity, Func<OrchEvent, bool>? filter)
    {
        this.hub = hub;
        this.filter = filter;
        channel = Channel.CreateBounded<OrchEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<OrchEvent> Reader => channel.Reader;

    /// <summary>True once events were lost to this subscriber; re-read the log from the last sequence seen.</summary>
    public bool Overflowed => Volatile.Read(ref overflowed) == 1;

    public void Dispose()
    {
        hub.Remove(this);
        channel.Writer.TryComplete();
    }

    internal void Offer(OrchEvent orchEvent)
    {
        if (filter is not null && !filter(orchEvent))
        {
            return;
        }

        if (!channel.Writer.TryWrite(orchEvent) && Interlocked.Exchange(ref overflowed, 1) == 0)
        {
            channel.Writer.TryComplete();
        }
    }
}
