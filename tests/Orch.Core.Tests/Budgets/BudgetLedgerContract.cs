using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Budgets;

/// <summary>Reserve → commit/release under daily, monthly and project caps; the same code on SQLite and PostgreSQL.</summary>
public abstract class BudgetLedgerContract(StoreKind kind)
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static Dictionary<string, string?> Caps(decimal daily = 10m, decimal monthly = 100m) => new()
    {
        ["Orch:Budget:DailyCapUsd"] = daily.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orch:Budget:MonthlyCapUsd"] = monthly.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Reserve_Holds_Commit_ChargesTheActualCost_AndRecordsTheCall()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps());
        var ledger = store.Get<BudgetLedger>();
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("P", BudgetUsd: 2m), Ct);

        var reservation = await ledger.ReserveAsync(500_000, project.Id, null, Ct);
        var held = await ledger.StandingAsync(project.Id, Ct);
        Assert.All(held, s => Assert.Equal((0m, 0.5m), (s.SpentUsd, s.HeldUsd)));

        await ledger.CommitAsync(reservation.Id, Call(store, project.Id, 120_000));

        var standing = await ledger.StandingAsync(project.Id, Ct);
        Assert.Equal(["daily", "monthly", "project"], standing.Select(s => s.Cap));
        Assert.All(standing, s => Assert.Equal((0.12m, 0m), (s.SpentUsd, s.HeldUsd)));
        Assert.Equal(1.88m, standing.Single(s => s.Cap == "project").RemainingUsd);
        await using var db = store.Db();
        Assert.Equal(120_000, (await db.UsageRecords.SingleAsync(Ct)).CostMicros);
        var stored = await db.BudgetReservations.SingleAsync(Ct);
        Assert.Equal((ReservationStatus.Committed, (long?)120_000), (stored.Status, stored.SpentMicros));
    }

    [Theory]
    [InlineData(0.5, 100, 2, "daily")]
    [InlineData(10, 0.5, 2, "monthly")]
    [InlineData(10, 100, 0.5, "project")]
    public async Task Reserve_PastACap_IsRefusedNamingIt_AndChangesNothing(double daily, double monthly, double project, string cap)
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps((decimal)daily, (decimal)monthly));
        var ledger = store.Get<BudgetLedger>();
        var p = await store.Get<ProjectService>().CreateAsync(new NewProject("P", BudgetUsd: (decimal)project), Ct);
        var first = await ledger.ReserveAsync(300_000, p.Id, null, Ct);
        var before = await store.SnapshotAsync(Ct);

        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => ledger.ReserveAsync(300_000, p.Id, null, Ct));

        Assert.Equal((cap, 300_000L, 300_000L), (error.Cap, error.HeldMicros, error.NeededMicros));
        Assert.Contains($"The {cap} cap of 0.5 USD would be passed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
        await ledger.ReleaseAsync(first.Id, Ct);
        await ledger.ReserveAsync(300_000, p.Id, null, Ct);
    }

    [Fact]
    public async Task BudgetRace_FiftyReservationsWorthTwiceTheCap_NeverSpendPastIt()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps(daily: 1m));
        var ledger = store.Get<BudgetLedger>();
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Race"), Ct);
        const long worst = 40_000;
        var random = new Random(7);
        var actuals = Enumerable.Range(0, 50).Select(_ => (long)random.Next(10_000, (int)worst + 1)).ToArray();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                var reservation = await ledger.ReserveAsync(worst, project.Id, null, Ct);
                await ledger.CommitAsync(reservation.Id, Call(store, project.Id, actuals[i]));
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }));

        await using var db = store.Db();
        var spent = await db.UsageRecords.SumAsync(u => u.CostMicros, Ct);
        Assert.True(spent <= 1_000_000, $"spent {spent} micro-dollars against a cap of 1,000,000");
        Assert.InRange(outcomes.Count(o => o), 25, 50);
        Assert.Equal(outcomes.Count(o => o), await db.UsageRecords.CountAsync(Ct));
        Assert.Equal(0, await db.BudgetReservations.CountAsync(r => r.Status == ReservationStatus.Held, Ct));
        var standing = (await ledger.StandingAsync(project.Id, Ct)).Single(s => s.Cap == "daily");
        Assert.Equal((Money.ToUsd(spent), 0m), (standing.SpentUsd, standing.HeldUsd));
    }

    [Fact]
    public async Task HeldMoney_CountsAgainstTheCap_UntilReleased()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps(daily: 1m));
        var ledger = store.Get<BudgetLedger>();
        var held = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ledger.ReserveAsync(250_000, null, null, Ct)));

        await Assert.ThrowsAsync<BudgetExceededException>(() => ledger.ReserveAsync(1, null, null, Ct));
        await ledger.ReleaseAsync(held[0].Id, Ct);

        await ledger.ReserveAsync(250_000, null, null, Ct);
    }

    [Fact]
    public async Task ExpiredReservations_OfADeadHolder_AreReleased()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps(daily: 1m));
        var ledger = store.Get<BudgetLedger>();
        await ledger.ReserveAsync(1_000_000, null, null, Ct);
        await Assert.ThrowsAsync<BudgetExceededException>(() => ledger.ReserveAsync(1, null, null, Ct));

        Assert.Equal(0, await ledger.ReleaseExpiredAsync(Ct));
        store.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await ledger.ReleaseExpiredAsync(Ct));

        await ledger.ReserveAsync(1_000_000, null, null, Ct);
    }

    [Fact]
    public async Task ALateCommit_AfterExpiry_StillRecordsAndCountsTheSpend()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps(daily: 1m));
        var ledger = store.Get<BudgetLedger>();
        var reservation = await ledger.ReserveAsync(400_000, null, null, Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(31));
        await ledger.ReleaseExpiredAsync(Ct);

        await ledger.CommitAsync(reservation.Id, Call(store, null, 300_000));

        var daily = (await ledger.StandingAsync(null, Ct)).Single(s => s.Cap == "daily");
        Assert.Equal((0.3m, 0m), (daily.SpentUsd, daily.HeldUsd));
        await using var db = store.Db();
        Assert.Equal(300_000, await db.UsageRecords.SumAsync(u => u.CostMicros, Ct));
    }

    [Fact]
    public async Task PassingTheWarningThreshold_AppendsOneEvent_PerCap()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps(daily: 1m, monthly: 100m));
        var ledger = store.Get<BudgetLedger>();
        foreach (var cost in new long[] { 500_000, 350_000, 100_000 })
        {
            var reservation = await ledger.ReserveAsync(cost, null, null, Ct);
            await ledger.CommitAsync(reservation.Id, Call(store, null, cost));
        }

        await using var db = store.Db();
        var warnings = await db.Events.Where(e => e.Type == "budget.warning").Select(e => e.Payload).ToListAsync(Ct);
        var warning = Assert.Single(warnings);
        Assert.Contains("\"cap\":\"daily\"", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASettledReservation_CannotBeSettledAgain()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, Caps());
        var ledger = store.Get<BudgetLedger>();
        var reservation = await ledger.ReserveAsync(1_000, null, null, Ct);
        await ledger.CommitAsync(reservation.Id, Call(store, null, 500));
        var before = await store.SnapshotAsync(Ct);

        await Assert.ThrowsAsync<InvalidTransitionException>(() => ledger.ReleaseAsync(reservation.Id, Ct));
        await Assert.ThrowsAsync<InvalidTransitionException>(() => ledger.CommitAsync(reservation.Id, Call(store, null, 500)));

        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    private static UsageRecord Call(TestStore store, Guid? projectId, long costMicros) =>
        new(Guid.CreateVersion7(), UsagePurpose.Execution, "offline", "rules", "small", 1_000, 500, costMicros, 10, store.Clock.GetUtcNow(), projectId);
}
