using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Orch.Core.Storage;

/// <summary>
/// Group commit for the decisions of the engine and the ledger. Each piece of work runs in its own
/// savepoint and sees the work before it, but many share one transaction and one commit — one
/// disk flush instead of one each — whenever they arrive together. A piece that throws is rolled
/// back alone; the others commit. Every piece runs under <see cref="WriteLock"/>.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 128;
    private readonly IDbContextFactory<OrchDbContext> contexts;
    private readonly Events.EventPublishingInterceptor events;
    private readonly Channel<IPending> queue = Channel.CreateUnbounded<IPending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task worker;

    internal GroupCommit(IDbContextFactory<OrchDbContext> contexts, Events.EventPublishingInterceptor events)
    {
        this.contexts = contexts;
        this.events = events;
        worker = Task.Run(LoopAsync);
    }

    private interface IPending
    {
        CancellationToken Token { get; }

        Task<object?> ApplyAsync(OrchDbContext db);

        void Complete(object? result);

        void Fail(Exception exception);
    }

    /// <summary>
    /// Runs <paramref name="work"/> against a context inside the shared transaction; its changes are
    /// saved by the batch (work may also save on its way, to query its own changes). The returned
    /// task ends after the commit. Work never commits or ends the transaction itself.
    /// </summary>
    public Task<T> RunAsync<T>(Func<OrchDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);
        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await worker;
    }

    private async Task LoopAsync()
    {
        var batch = new List<IPending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                if (next.Token.IsCancellationRequested)
                {
                    next.Fail(new OperationCanceledException(next.Token));
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }
        }
    }

    private async Task RunBatchAsync(List<IPending> batch)
    {
        var done = new List<(IPending Work, object? Result)>(batch.Count);
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            // Each piece has its own savepoint already; EF's extra one per save would only cost round trips.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await WriteLock.BeginAsync(db, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                var work = batch[i];
                var savepoint = $"w{i}";
                await transaction.CreateSavepointAsync(savepoint);
                var mark = events.Mark(db);
                try
                {
                    var result = await work.ApplyAsync(db);
                    // Saved within the transaction, so the next piece's queries see it; committed with the batch.
                    await db.SaveChangesAsync(CancellationToken.None);
                    done.Add((work, result));
                }
                catch (Exception ex)
                {
                    await transaction.RollbackToSavepointAsync(savepoint);
                    events.ForgetSince(db, mark);
                    db.ChangeTracker.Clear();
                    work.Fail(ex);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The commit itself failed: nothing of the batch happened.
            foreach (var (work, _) in done)
            {
                work.Fail(ex);
            }

            foreach (var work in batch.Where(w => !done.Any(d => ReferenceEquals(d.Work, w))))
            {
                work.Fail(ex);
            }

            return;
        }

        foreach (var (work, result) in done)
        {
            work.Complete(result);
        }
    }

    private sealed class Pending<T>(Func<OrchDbContext, CancellationToken, Task<T>> work, CancellationToken token) : IPending
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => completion.Task;

        public CancellationToken Token => token;

        public async Task<object?> ApplyAsync(OrchDbContext db) => await work(db, token);

        public void Complete(object? result) => completion.TrySetResult((T)result!);

        public void Fail(Exception exception)
        {
            if (exception is OperationCanceledException && token.IsCancellationRequested)
            {
                completion.TrySetCanceled(token);
            }
            else
            {
                completion.TrySetException(exception);
            }
        }
    }
}
