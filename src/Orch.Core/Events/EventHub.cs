namespace Orch.Core.Events;

/// <summary>
/// Fans committed events out to live subscribers in this process (MCP progress, dashboard views).
/// Publishing never blocks: each subscriber has its own bounded queue. The event log in the
/// database stays the record; the hub only saves subscribers from polling it.
/// </summary>
public sealed class EventHub
{
    public const int DefaultCapacity = 10_000;

    private readonly Lock gate = new();
    private EventSubscription[] subscribers = [];

    public EventSubscription Subscribe(Func<OrchEvent, bool>? filter = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new EventSubscription(this, capacity, filter);
        lock (gate)
        {
            subscribers = [.. subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Called once the events' transaction committed, in sequence order.</summary>
    public void Publish(IReadOnlyList<OrchEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var current = Volatile.Read(ref subscribers);
        foreach (var orchEvent in events)
        {
            foreach (var subscriber in current)
            {
                subscriber.Offer(orchEvent);
            }
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (gate)
        {
            subscribers = [.. subscribers.Where(s => s != subscription)];
        }
    }
}
