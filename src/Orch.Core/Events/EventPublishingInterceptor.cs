using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orch.Core.Events;

/// <summary>
/// Hands the events a context saved to the <see cref="EventHub"/> only once they are committed:
/// at once after a save outside a transaction, at the commit of an explicit one, never after a
/// rollback — so that no subscriber ever sees a change that did not happen.
/// </summary>
internal sealed class EventPublishingInterceptor(EventHub hub) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<OrchEvent>> saving = new();
    private readonly ConditionalWeakTable<DbContext, List<OrchEvent>> awaitingCommit = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(saving, eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(saving, eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(awaitingCommit, eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(awaitingCommit, eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(awaitingCommit, eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(awaitingCommit, eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<OrchEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0)
        {
            saving.AddOrUpdate(context, added);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !saving.TryGetValue(context, out var events))
        {
            return;
        }

        saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
        {
            hub.Publish([.. events.OrderBy(e => e.Sequence)]);
        }
        else
        {
            awaitingCommit.GetValue(context, _ => []).AddRange(events);
        }
    }

    /// <summary>How many saved events of the context wait for its commit; pass it to <see cref="ForgetSince"/>.</summary>
    internal int Mark(DbContext context) => awaitingCommit.TryGetValue(context, out var events) ? events.Count : 0;

    /// <summary>Drops the events saved after <paramref name="mark"/>: they were rolled back to a savepoint.</summary>
    internal void ForgetSince(DbContext context, int mark)
    {
        if (awaitingCommit.TryGetValue(context, out var events) && events.Count > mark)
        {
            events.RemoveRange(mark, events.Count - mark);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && awaitingCommit.TryGetValue(context, out var events))
        {
            awaitingCommit.Remove(context);
            hub.Publish([.. events.OrderBy(e => e.Sequence)]);
        }
    }

    private static void Forget(ConditionalWeakTable<DbContext, List<OrchEvent>> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }
}
