using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Orch.Core.Storage;

/// <summary>
/// Group commit for the decisions of the engine and the ledger. Each piece of work runs in its own
/// savepoint and sees the work before it, but the pieces that arrive together share one transaction
/// and one commit — one disk flush instead of one each. A piece that throws is rolled back alone;
/// the others commit. Urgent pieces (claims of ready tasks) go before the others waiting, and a batch
/// stops taking work after a few milliseconds, so that none waits long for its commit. Every piece
/// runs under <see cref="WriteLock"/>.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan MaxBatchTime = TimeSpan.FromMilliseconds(8);

    private readonly IDbContextFactory<OrchDbContext> contexts;
    private readonly Events.EventPublishingInterceptor events;
    private readonly Channel<IPending> queue = Channel.CreateUnbounded<IPending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<IPending> urgent = new();
    private readonly Queue<IPending> normal = new();
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

        bool Urgent { get; }

        Task<object?> ApplyAsync(OrchDbContext db);

        void Complete(object? result);

        void Fail(Exception exception);
    }

    /// <summary>
    /// Runs <paramref name="work"/> against a context inside the shared transaction; its changes are
    /// saved by the batch (work may also save on its way, to query its own changes). The returned
    /// task ends after the commit. Work never commits or ends the transaction itself.
    /// </summary>
    /// <param name="work">The piece of work.</param>
    /// <param name="cancellationToken">Cancels the work while it waits; once it runs, it runs to its end.</param>
    /// <param name="urgent">Goes before the non-urgent work waiting (work that others wait for, such as claims).</param>
    public Task<T> RunAsync<T>(Func<OrchDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken, bool urgent = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending<T>(work, urgent, cancellationToken);
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
        // Work left over by a batch that ran out of time is taken at once, not after the next arrival.
        while (urgent.Count + normal.Count > 0 || await queue.Reader.WaitToReadAsync())
        {
            Drain();
            if (urgent.Count + normal.Count > 0)
            {
                await RunBatchAsync();
            }
        }

        foreach (var left in urgent.Concat(normal))
        {
            left.Fail(new ObjectDisposedException(nameof(GroupCommit)));
        }
    }

    private void Drain()
    {
        while (queue.Reader.TryRead(out var next))
        {
            (next.Urgent ? urgent : normal).Enqueue(next);
        }
    }

    private IPending? Next()
    {
        Drain();
        while (urgent.Count + normal.Count > 0)
        {
            var next = urgent.Count > 0 ? urgent.Dequeue() : normal.Dequeue();
            if (!next.Token.IsCancellationRequested)
            {
                return next;
            }

            next.Fail(new OperationCanceledException(next.Token));
        }

        return null;
    }

    private async Task RunBatchAsync()
    {
        var done = new List<(IPending Work, object? Result)>();
        var failed = new List<IPending>();
        IPending? current = null;
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            // Each piece has its own savepoint already; EF's extra one per save would only cost round trips.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await WriteLock.BeginAsync(db, CancellationToken.None);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < MaxBatch && (i == 0 || Stopwatch.GetElapsedTime(started) < MaxBatchTime) && (current = Next()) is not null; i++)
            {
                var savepoint = $"w{i}";
                await transaction.CreateSavepointAsync(savepoint);
                var mark = events.Mark(db);
                try
                {
                    var result = await current.ApplyAsync(db);
                    // Saved within the transaction, so the next piece's queries see it; committed with the batch.
                    await db.SaveChangesAsync(CancellationToken.None);
                    done.Add((current, result));
                }
                catch (Exception ex)
                {
                    await transaction.RollbackToSavepointAsync(savepoint);
                    events.ForgetSince(db, mark);
                    db.ChangeTracker.Clear();
                    current.Fail(ex);
                    failed.Add(current);
                }

                current = null;
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The batch itself failed (its transaction or its commit): nothing of it happened.
            current?.Fail(ex);
            foreach (var (work, _) in done)
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

    private sealed class Pending<T>(Func<OrchDbContext, CancellationToken, Task<T>> work, bool urgent, CancellationToken token) : IPending
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => completion.Task;

        public CancellationToken Token => token;

        public bool Urgent => urgent;

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
