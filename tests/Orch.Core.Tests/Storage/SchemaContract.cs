using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orch.Core.Storage;
using Orch.Core.Storage.Schema;
using Orch.Testing;

namespace Orch.Core.Tests.Storage;

/// <summary>The hand-written schema steps against the EF model, and the upgrade mechanism, on both providers.</summary>
public abstract class SchemaContract(StoreKind kind)
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Schema_HasEveryColumnOfTheModel_WithTheSameTypeAndNullability_AndNoOthers()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        await using var db = store.Db();
        var mismatches = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var actual = await ColumnsAsync(db, table);
            Assert.True(actual.Count > 0, $"Table {table} is missing.");
            var expected = entity.GetProperties().ToDictionary(p => p.GetColumnName(), p => (Nullable: p.IsColumnNullable(), Type: p.GetColumnType().ToLowerInvariant()));
            foreach (var (column, (nullable, type)) in expected)
            {
                if (!actual.TryGetValue(column, out var found))
                {
                    mismatches.Add($"{table}.{column} is in the model but not in the schema");
                    continue;
                }

                if (found.Nullable != nullable)
                {
                    mismatches.Add($"{table}.{column} is {(nullable ? "nullable" : "required")} in the model but not in the schema");
                }

                if (found.Type != type)
                {
                    mismatches.Add($"{table}.{column} is {type} in the model but {found.Type} in the schema");
                }
            }

            mismatches.AddRange(actual.Keys.Except(expected.Keys).Select(c => $"{table}.{c} is in the schema but not in the model"));
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Upgrade_OnACurrentSchema_AppliesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var again = await store.Get<SchemaUpgrader>().UpgradeAsync(Ct);
        Assert.Equal(SchemaMigrations.Latest, again.FromVersion);
        Assert.Equal(SchemaMigrations.Latest, again.ToVersion);
        Assert.Empty(again.Applied);
    }

    [Fact]
    public async Task Upgrade_FromEmpty_AppliesEveryStepInOrder()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, upgrade: false);
        var result = await store.Get<SchemaUpgrader>().UpgradeAsync(Ct);
        Assert.Equal(0, result.FromVersion);
        Assert.Equal(SchemaMigrations.All.Select(m => $"{m.Version} {m.Name}"), result.Applied);
        await using var db = store.Db();
        var versions = await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM orch_schema ORDER BY version").ToListAsync(Ct);
        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), versions);
    }

    [Fact]
    public async Task Upgrade_RefusesASchemaNewerThanItKnows_AndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        await using (var db = store.Db())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO orch_schema (version, name, applied_at) VALUES (9999, 'from the future', 'x')", Ct);
        }

        var before = await store.SnapshotAsync(Ct);
        var error = await Assert.ThrowsAsync<SchemaTooNewException>(() => store.Get<SchemaUpgrader>().UpgradeAsync(Ct));
        Assert.Equal(9999, error.DatabaseVersion);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentUpgrades_OfOneDatabase_ApplyEachStepOnce()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, upgrade: false);
        // Separate upgraders, as separate processes would have.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var services = new ServiceCollection().AddLogging().AddOrch(store.Configuration).BuildServiceProvider();
            return await services.GetRequiredService<SchemaUpgrader>().UpgradeAsync(Ct);
        }));

        Assert.Equal(SchemaMigrations.All.Count, results.Sum(r => r.Applied.Count));
        await using var db = store.Db();
        Assert.Equal(SchemaMigrations.All.Count, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM orch_schema").SingleAsync(Ct));
    }

    private static async Task<Dictionary<string, (bool Nullable, string Type)>> ColumnsAsync(OrchDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        if (db.Database.IsSqlite())
        {
            command.CommandText = $"SELECT name, \"notnull\" = 0, type FROM pragma_table_info('{table}')";
        }
        else
        {
            command.CommandText = $"SELECT column_name, is_nullable = 'YES', data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'";
        }

        var columns = new Dictionary<string, (bool, string)>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            columns[reader.GetString(0)] = (Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2).ToLowerInvariant());
        }

        return columns;
    }
}
