using Microsoft.EntityFrameworkCore;
using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class SqliteSettingsTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task SqliteDatabase_IsInWalMode_WithTheConfiguredBusyTimeoutAndSynchronous()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["Orch:Storage:BusyTimeoutMs"] = "4321",
            ["Orch:Storage:SqliteSynchronous"] = "Normal",
        });
        await using var db = store.Db();
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync(Ct));
        Assert.Equal(4321, await db.Database.SqlQueryRaw<int>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync(Ct));
        // 1 is NORMAL.
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync(Ct));
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys").SingleAsync(Ct));
    }

    [Fact]
    public async Task EmptyConnectionString_UsesOrchDbInTheDataDirectory()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["Orch:Storage:ConnectionString"] = string.Empty,
        });
        Assert.True(File.Exists(Path.Combine(store.DataDirectory, "orch.db")));
    }
}
