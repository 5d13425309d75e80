using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orch.Core.Storage;

/// <summary>
/// Transactions that decide on shared state. On SQLite a transaction begins IMMEDIATE, taking the
/// database's one write lock at once, so every such decision sees every other. On PostgreSQL the
/// same is had with a transaction-scoped advisory lock.
/// </summary>
public static class WriteLock
{
    // SQLite answers a writer that finds the lock taken with "busy", and the driver then sleeps
    // before it tries again: under contention that costs far more than the work. Writers in one
    // process queue here instead, so SQLite's lock is only contended between processes.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The advisory lock every deciding transaction takes on PostgreSQL, the same number in every Orch process.</summary>
    public const long Key = 0x4F72_6368_4275_6467;

    /// <summary>
    /// Begins a transaction that decides on shared state: budgets, claims, task and project states.
    /// One at a time across every process on the database, so each sees all the others.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(OrchDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
            try
            {
                return new GatedTransaction(await db.Database.BeginTransactionAsync(cancellationToken), gate);
            }
            catch
            {
                gate.Release();
                throw;
            }
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);

        return transaction;
    }
}
