using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Plans;
using Orch.Core.Storage;
using Orch.Testing;
using static Orch.Core.Tests.Storage.StorageSamples;

namespace Orch.Core.Tests.Storage;

/// <summary>Unique keys and append-only tables, enforced by the database itself; the same test code runs on SQLite and on PostgreSQL.</summary>
public abstract class StorageConstraintContract(StoreKind kind)
{
    protected StoreKind Kind { get; } = kind;

    protected static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task UsageRecord_SameCallRecordedTwice_IsRefused()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var callId = Guid.CreateVersion7();
        UsageRecord Call() => new(callId, UsagePurpose.Planning, "offline", "rules", null, 10, 20, 0, 1, store.Clock.GetUtcNow());
        await using (var db = store.Db())
        {
            db.UsageRecords.Add(Call());
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            db.UsageRecords.Add(Call());
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.True(StorageErrors.IsUniqueViolation(error));
        }

        await using var check = store.Db();
        Assert.Equal(1, await check.UsageRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task AppendOnlyTables_RefuseUpdateAndDelete_InTheDatabaseAndInTheModel()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        await using (var db = store.Db())
        {
            db.Events.Add(new OrchEvent("tick", store.Clock.GetUtcNow(), null, null, "{}"));
            db.UsageRecords.Add(new UsageRecord(Guid.CreateVersion7(), UsagePurpose.Planning, "offline", "rules", null, 1, 1, 0, 0, store.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE events SET type = 'forged'", Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM events", Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE usage_records SET cost_micros = 0", Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM usage_records", Ct));
            var tracked = await db.Events.SingleAsync(Ct);
            db.Events.Remove(tracked);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        await using var check = store.Db();
        Assert.Equal("tick", (await check.Events.SingleAsync(Ct)).Type);
        Assert.Equal(1, await check.UsageRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task PlanVersion_IsUniquePerProject()
    {
        await using var store = await TestStore.CreateAsync(Kind, Ct);
        var project = await AddProjectAsync(store);
        Plan Version1() => new(Guid.CreateVersion7(), project.Id, 1, PlanSource.Manual, "r", null, null, [Definition("a")], Guid.CreateVersion7, store.Clock.GetUtcNow());
        await using (var db = store.Db())
        {
            db.Plans.Add(Version1());
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Db())
        {
            db.Plans.Add(Version1());
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.True(StorageErrors.IsUniqueViolation(error));
        }
    }
}
