using Orch.Core.Events;

namespace Orch.Core.Tests.Events;

public sealed class EventHubTests
{
    private static OrchEvent Event(string type, Guid? project = null) => new(type, DateTimeOffset.UnixEpoch, project, null, "{}");

    [Fact]
    public void AFilteredSubscriber_GetsOnlyItsProjectsEvents()
    {
        var hub = new EventHub();
        var mine = Guid.CreateVersion7();
        using var subscription = hub.Subscribe(e => e.ProjectId == mine);

        hub.Publish([Event("a", mine), Event("b", Guid.CreateVersion7()), Event("c", mine)]);

        Assert.True(subscription.Reader.TryRead(out var first));
        Assert.True(subscription.Reader.TryRead(out var second));
        Assert.Equal(("a", "c"), (first!.Type, second!.Type));
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void ASubscriberThatFallsBehind_IsCutOff_WithoutSlowingTheOthers()
    {
        var hub = new EventHub();
        using var slow = hub.Subscribe(capacity: 2);
        using var fast = hub.Subscribe(capacity: 100);

        hub.Publish([Event("1"), Event("2"), Event("3"), Event("4")]);

        Assert.True(slow.Overflowed);
        Assert.False(fast.Overflowed);
        Assert.Equal(4, fast.Reader.Count);
        Assert.Equal(2, slow.Reader.Count);
        Assert.True(slow.Reader.Completion.IsCompleted || slow.Reader.Count > 0);
    }

    [Fact]
    public void ADisposedSubscription_GetsNothingMore()
    {
        var hub = new EventHub();
        var subscription = hub.Subscribe();
        subscription.Dispose();

        hub.Publish([Event("x")]);

        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }
}
