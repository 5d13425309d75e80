using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Events;
using Orch.Core.Storage;

namespace Orch.Core.Budgets;

/// <summary>
/// Reserve before spending, commit the actual cost after, release the rest — each atomic, under the
/// one write lock of the database (<see cref="WriteLock"/>, through <see cref="GroupCommit"/>), so that
/// spent + held never passes a cap, whatever the concurrency and however many nodes.
/// </summary>
public sealed class BudgetLedger(
    IDbContextFactory<OrchDbContext> contextFactory,
    GroupCommit commits,
    IOptionsMonitor<BudgetOptions> options,
    EventFactory events,
    TimeProvider clock)
{
    /// <summary>The "cap" of a project without a budget: its spend is counted, never refused.</summary>
    private const long Unlimited = long.MaxValue / 4;

    /// <summary>Holds <paramref name="amountMicros"/> against every cap in force, or throws <see cref="BudgetExceededException"/> naming the first it would pass.</summary>
    /// <param name="amountMicros">The call's worst case.</param>
    /// <param name="projectId">The project the call is for, if any.</param>
    /// <param name="taskRunId">The attempt the call is for, if any.</param>
    /// <param name="cancellationToken">Cancels the wait for the ledger's lock.</param>
    /// <param name="newProjectCapMicros">The budget of a project being planned that is not stored yet.</param>
    public Task<BudgetReservation> ReserveAsync(long amountMicros, Guid? projectId, Guid? taskRunId, CancellationToken cancellationToken, long? newProjectCapMicros = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMicros);
        return commits.RunAsync((db, ct) => ReserveAsync(db, amountMicros, projectId, taskRunId, newProjectCapMicros, ct), cancellationToken);
    }

    private async Task<BudgetReservation> ReserveAsync(OrchDbContext db, long amountMicros, Guid? projectId, Guid? taskRunId, long? newProjectCapMicros, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var caps = await CapsAsync(db, projectId, now, cancellationToken, newProjectCapMicros);
        var counters = await CountersAsync(db, caps.Select(c => c.Scope), cancellationToken);
        foreach (var cap in caps)
        {
            var counter = counters[cap.Scope];
            if (counter.SpentMicros + counter.HeldMicros + amountMicros > cap.CapMicros)
            {
                throw new BudgetExceededException(cap.Name, cap.CapMicros, counter.SpentMicros, counter.HeldMicros, amountMicros);
            }
        }

        foreach (var counter in counters.Values)
        {
            counter.Hold(amountMicros);
        }

        var reservation = new BudgetReservation(Guid.CreateVersion7(), amountMicros, now, now.AddMinutes(options.CurrentValue.ReservationTimeoutMinutes), projectId, taskRunId);
        db.BudgetReservations.Add(reservation);
        return reservation;
    }

    /// <summary>
    /// Charges the call's actual cost and records its usage, in one transaction; the rest of the
    /// reservation goes back. Takes no cancellation token: money that was spent is recorded,
    /// whatever the caller does meanwhile.
    /// </summary>
    public Task CommitAsync(Guid reservationId, UsageRecord usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return SettleAsync(reservationId, usage, CancellationToken.None);
    }

    /// <summary>Records a call that cost nothing (a free tier): no reservation was held, no counter moves.</summary>
    public Task RecordFreeAsync(UsageRecord usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (usage.CostMicros != 0)
        {
            throw new ArgumentException("Only a call that cost nothing is recorded without a reservation.", nameof(usage));
        }

        return commits.RunAsync((db, _) =>
        {
            db.UsageRecords.Add(usage);
            return Task.FromResult(true);
        }, CancellationToken.None);
    }

    /// <summary>Gives the whole reservation back: the call failed or never happened.</summary>
    public Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken) => SettleAsync(reservationId, null, cancellationToken);

    /// <summary>Releases reservations whose holder never settled them (it crashed). Returns how many.</summary>
    public async Task<int> ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        List<Guid> expired;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            expired = await db.BudgetReservations.Where(r => r.Status == ReservationStatus.Held && r.ExpiresAt < now).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in expired)
        {
            await ReleaseAsync(id, cancellationToken);
        }

        return expired.Count;
    }

    /// <summary>What a project has spent so far, in micro-dollars (planning included).</summary>
    public async Task<long> SpentMicrosAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await SpentMicrosAsync(db, projectId, cancellationToken);
    }

    /// <summary>As <see cref="SpentMicrosAsync(Guid, CancellationToken)"/>, on a context the caller holds (one connection for a whole read).</summary>
    public static async Task<long> SpentMicrosAsync(OrchDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = BudgetScopes.Project(projectId);
        return await db.BudgetCounters.Where(c => c.Scope == scope).Select(c => (long?)c.SpentMicros).SingleOrDefaultAsync(cancellationToken) ?? 0;
    }

    /// <summary>Where every cap in force stands now, for a project or for Orch as a whole.</summary>
    public async Task<IReadOnlyList<BudgetStanding>> StandingAsync(Guid? projectId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await StandingAsync(db, projectId, cancellationToken);
    }

    /// <summary>As <see cref="StandingAsync(Guid?, CancellationToken)"/>, on a context the caller holds.</summary>
    public async Task<IReadOnlyList<BudgetStanding>> StandingAsync(OrchDbContext db, Guid? projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var caps = await CapsAsync(db, projectId, clock.GetUtcNow(), cancellationToken);
        var scopes = caps.Select(c => c.Scope).ToList();
        var counters = await db.BudgetCounters.AsNoTracking().Where(c => scopes.Contains(c.Scope)).ToDictionaryAsync(c => c.Scope, cancellationToken);
        return [.. caps.Where(cap => cap.CapMicros != Unlimited).Select(cap =>
        {
            var (spent, held) = counters.TryGetValue(cap.Scope, out var c) ? (c.SpentMicros, c.HeldMicros) : (0L, 0L);
            return new BudgetStanding(cap.Name, cap.Scope, Money.ToUsd(cap.CapMicros), Money.ToUsd(spent), Money.ToUsd(held), Money.ToUsd(Math.Max(0, cap.CapMicros - spent - held)));
        })];
    }

    private Task<bool> SettleAsync(Guid reservationId, UsageRecord? usage, CancellationToken cancellationToken) =>
        commits.RunAsync((db, ct) => SettleAsync(db, reservationId, usage, ct), cancellationToken);

    private async Task<bool> SettleAsync(OrchDbContext db, Guid reservationId, UsageRecord? usage, CancellationToken cancellationToken)
    {
        var reservation = await db.BudgetReservations.SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken)
            ?? throw new NotFoundException("budget reservation", reservationId.ToString());
        var now = clock.GetUtcNow();
        var spent = usage?.CostMicros ?? 0;
        var held = reservation.AmountMicros;
        if (usage is not null && reservation.Status == ReservationStatus.Released)
        {
            // Released meanwhile (it outlived its time-out): the money was spent all the same, so it is
            // recorded and counted; only the hold was already given back.
            held = 0;
            db.UsageRecords.Add(usage);
        }
        else if (usage is null)
        {
            reservation.Release(now);
        }
        else
        {
            reservation.Commit(spent, now);
            db.UsageRecords.Add(usage);
        }

        var scopes = new List<string> { reservation.DayScope, reservation.MonthScope };
        if (reservation.ProjectId is { } project)
        {
            scopes.Add(BudgetScopes.Project(project));
        }

        var counters = await CountersAsync(db, scopes, cancellationToken);
        var caps = (await CapsAsync(db, reservation.ProjectId, reservation.CreatedAt, cancellationToken)).ToDictionary(c => c.Scope);
        foreach (var counter in counters.Values)
        {
            var before = counter.SpentMicros;
            counter.Settle(held, spent);
            if (caps.TryGetValue(counter.Scope, out var cap) && Crossed(before, counter.SpentMicros, cap.CapMicros))
            {
                db.Events.Add(events.Create(EventTypes.BudgetWarning, reservation.ProjectId, null, new JsonObject
                {
                    ["cap"] = cap.Name,
                    ["scope"] = cap.Scope,
                    ["cap_usd"] = Money.ToUsd(cap.CapMicros),
                    ["spent_usd"] = Money.ToUsd(counter.SpentMicros),
                    ["threshold"] = options.CurrentValue.WarningThreshold,
                }));
            }
        }

        return true;
    }

    private bool Crossed(long before, long after, long cap)
    {
        var line = (long)(cap * options.CurrentValue.WarningThreshold);
        return before < line && after >= line;
    }

    private async Task<List<BudgetCap>> CapsAsync(OrchDbContext db, Guid? projectId, DateTimeOffset at, CancellationToken cancellationToken, long? newProjectCapMicros = null)
    {
        var settings = options.CurrentValue;
        var caps = new List<BudgetCap>
        {
            new("daily", BudgetScopes.Day(at), Money.ToMicros(settings.DailyCapUsd)),
            new("monthly", BudgetScopes.Month(at), Money.ToMicros(settings.MonthlyCapUsd)),
        };
        if (projectId is { } id)
        {
            var budget = await db.Projects.Where(p => p.Id == id).Select(p => p.BudgetMicros).SingleOrDefaultAsync(cancellationToken);
            var cap = budget ?? newProjectCapMicros ?? (settings.DefaultProjectCapUsd is { } usd ? Money.ToMicros(usd) : null);
            if (cap is { } micros)
            {
                caps.Add(new BudgetCap("project", BudgetScopes.Project(id), micros));
            }
            else
            {
                // No cap of its own, but its spend is still counted.
                caps.Add(new BudgetCap("project", BudgetScopes.Project(id), Unlimited));
            }
        }

        return caps;
    }

    private static async Task<Dictionary<string, BudgetCounter>> CountersAsync(OrchDbContext db, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var wanted = scopes.Distinct().ToList();
        var found = await db.BudgetCounters.Where(c => wanted.Contains(c.Scope)).ToDictionaryAsync(c => c.Scope, cancellationToken);
        foreach (var scope in wanted.Where(s => !found.ContainsKey(s)))
        {
            var counter = new BudgetCounter(scope);
            db.BudgetCounters.Add(counter);
            found[scope] = counter;
        }

        return found;
    }
}
