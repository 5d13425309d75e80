using Orch.Core.Events;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Events;

/// <summary>Live subscribers get exactly the committed events, in order; the same on SQLite and PostgreSQL.</summary>
public abstract class EventPublishingContract(StoreKind kind)
{
    private const string Plan = """{"tasks":[{"key":"a","title":"A"}]}""";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Subscribers_GetCommittedEvents_InSequenceOrder_IncludingThoseOfExplicitTransactions()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        using var subscription = store.Get<EventHub>().Subscribe();
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Live"), Ct);
        var v1 = await store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "r", Plan, PlanSource.Manual, Ct);
        await store.Get<PlanService>().ApproveAsync(v1.Id, "ana", Ct);

        var received = Drain(subscription);

        Assert.Equal(["project.created", "plan.drafted", "plan.approved", "project.status_changed"], received.Select(e => e.Type));
        Assert.Equal(received.Select(e => e.Sequence).Order(), received.Select(e => e.Sequence));
        Assert.All(received, e => Assert.True(e.Sequence > 0));
        await using var db = store.Db();
        Assert.Equal(db.Events.OrderBy(e => e.Sequence).Select(e => e.Sequence), received.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Subscribers_NeverSeeTheEventsOfARolledBackTransaction_NorOfARefusedChange()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Live"), Ct);
        using var subscription = store.Get<EventHub>().Subscribe();

        await using (var db = store.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Events.Add(new OrchEvent("test.saved_then_rolled_back", store.Clock.GetUtcNow(), project.Id, null, "{}"));
            await db.SaveChangesAsync(Ct);
            Assert.Empty(Drain(subscription));
            await transaction.RollbackAsync(Ct);
        }

        await Assert.ThrowsAsync<PlanValidationException>(() => store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "r", """{"tasks":[]}""", PlanSource.Manual, Ct));
        Assert.Empty(Drain(subscription));

        await using (var db = store.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Events.Add(new OrchEvent("test.committed", store.Clock.GetUtcNow(), project.Id, null, "{}"));
            await db.SaveChangesAsync(Ct);
            Assert.Empty(Drain(subscription));
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(["test.committed"], Drain(subscription).Select(e => e.Type));
    }

    private static List<OrchEvent> Drain(EventSubscription subscription)
    {
        var events = new List<OrchEvent>();
        while (subscription.Reader.TryRead(out var orchEvent))
        {
            events.Add(orchEvent);
        }

        return events;
    }
}
