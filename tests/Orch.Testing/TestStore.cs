using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orch.Core;
using Orch.Core.Storage;
using Orch.Core.Storage.Schema;

namespace Orch.Testing;

/// <summary>
/// Orch.Core wired to a fresh, empty database of one kind (a SQLite file or a PostgreSQL
/// database on the test server), its schema upgraded, with a manual clock. Deleted on dispose.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory directory;
    private readonly PostgresServer? server;

    private TestStore(StoreKind kind, string connectionString, TempDirectory directory, PostgresServer? server, IReadOnlyDictionary<string, string?>? settings)
    {
        Kind = kind;
        ConnectionString = connectionString;
        this.directory = directory;
        this.server = server;
        var values = new Dictionary<string, string?>
        {
            ["Orch:DataDirectory"] = directory.Path,
            ["Orch:Storage:ConnectionString"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOrch(Configuration);
        // A store, not a running host: no dispatcher, scheduler or recovery acts behind the test's back.
        services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public StoreKind Kind { get; }

    public string ConnectionString { get; }

    public string DataDirectory => directory.Path;

    public IConfiguration Configuration { get; }

    public ManualClock Clock { get; } = new();

    public ServiceProvider Services { get; }

    public static async Task<TestStore> CreateAsync(StoreKind kind, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null, bool upgrade = true)
    {
        var directory = new TempDirectory("orch-store");
        PostgresServer? server = null;
        string connectionString;
        if (kind == StoreKind.Postgres)
        {
            server = await PostgresServer.GetAsync(cancellationToken);
            connectionString = await server.CreateDatabaseAsync(cancellationToken);
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(directory.Path, "orch.db")}";
        }

        var store = new TestStore(kind, connectionString, directory, server, settings);
        if (upgrade)
        {
            await store.Services.GetRequiredService<SchemaUpgrader>().UpgradeAsync(cancellationToken);
        }

        return store;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new DbContext; dispose it.</summary>
    public OrchDbContext Db() => Services.GetRequiredService<IDbContextFactory<OrchDbContext>>().CreateDbContext();

    /// <summary>
    /// Every row of every Orch table, serialised: two snapshots are equal only if nothing was
    /// inserted, updated or deleted in between. Shows that a refused operation changed nothing.
    /// </summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = Db();
        var tables = new[] { "projects", "plans", "plan_tasks", "task_runs", "usage_records", "budget_reservations", "budget_counters", "events", "nodes", "knowledge_entries", "orch_schema" };
        var snapshot = new System.Text.StringBuilder();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            snapshot.Append('[').Append(table).Append(']').AppendLine();
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    snapshot.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                }

                snapshot.AppendLine();
            }
        }

        return snapshot.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Kind == StoreKind.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        else if (server is not null)
        {
            await server.DropDatabaseAsync(ConnectionString, CancellationToken.None);
        }

        directory.Dispose();
    }
}
