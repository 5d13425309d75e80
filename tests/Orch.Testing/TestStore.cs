using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Row counts of every Orch table, to show that a refused operation wrote nothing.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = Db();
        return new Dictionary<string, int>
        {
            ["projects"] = await db.Projects.CountAsync(cancellationToken),
            ["plans"] = await db.Plans.CountAsync(cancellationToken),
            ["plan_tasks"] = await db.PlanTasks.CountAsync(cancellationToken),
            ["task_runs"] = await db.TaskRuns.CountAsync(cancellationToken),
            ["usage_records"] = await db.UsageRecords.CountAsync(cancellationToken),
            ["budget_reservations"] = await db.BudgetReservations.CountAsync(cancellationToken),
            ["events"] = await db.Events.CountAsync(cancellationToken),
        };
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
