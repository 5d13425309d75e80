using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orch.Core;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Testing;

/// <summary>
/// Orch.Core running as a host would run it — schema upgrade, Quartz, dispatcher, heartbeat and
/// recovery all started — on a fresh SQLite file or PostgreSQL database, on the real clock, with
/// short polls and leases so that tests finish quickly.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly TempDirectory directory;
    private readonly PostgresServer? server;
    private readonly bool ownsDatabase;

    private EngineHost(IHost host, TempDirectory directory, PostgresServer? server, string connectionString, bool ownsDatabase)
    {
        this.host = host;
        this.directory = directory;
        this.server = server;
        this.ownsDatabase = ownsDatabase;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string DataDirectory => directory.Path;

    public IServiceProvider Services => host.Services;

    /// <param name="kind">The database.</param>
    /// <param name="cancellationToken">Bounds start-up.</param>
    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="connectionString">An existing database to share with another host; a fresh one when null.</param>
    public static async Task<EngineHost> StartAsync(StoreKind kind, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        var directory = new TempDirectory("orch-engine");
        PostgresServer? server = null;
        var owns = connectionString is null;
        if (connectionString is null)
        {
            if (kind == StoreKind.Postgres)
            {
                server = await PostgresServer.GetAsync(cancellationToken);
                connectionString = await server.CreateDatabaseAsync(cancellationToken);
            }
            else
            {
                connectionString = $"Data Source={Path.Combine(directory.Path, "orch.db")}";
            }
        }

        var values = new Dictionary<string, string?>
        {
            ["Orch:DataDirectory"] = directory.Path,
            ["Orch:Storage:ConnectionString"] = connectionString,
            ["Orch:Execution:PollMilliseconds"] = "100",
            ["Orch:Execution:LeaseSeconds"] = "3",
            ["Orch:Execution:RecoverySeconds"] = "1",
            ["Orch:Execution:RetryBaseDelayMs"] = "50",
            ["Orch:Execution:RetryMaxDelayMs"] = "200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddOrch(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EngineHost(host, directory, server, connectionString, owns);
    }

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    public OrchDbContext Db() => host.Services.GetRequiredService<IDbContextFactory<OrchDbContext>>().CreateDbContext();

    /// <summary>Creates a project, drafts the plan given as JSON, approves it and starts it. Returns the project's id.</summary>
    public async Task<Guid> RunPlanAsync(object plan, CancellationToken cancellationToken, decimal? budgetUsd = null, bool execute = true)
    {
        var project = await Get<ProjectService>().CreateAsync(new NewProject($"test {Guid.NewGuid():N}", BudgetUsd: budgetUsd), cancellationToken);
        var json = plan as string ?? JsonSerializer.Serialize(plan);
        var draft = await Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "test requirements", json, PlanSource.Manual, cancellationToken);
        await Get<PlanService>().ApproveAsync(draft.Id, "tester", cancellationToken);
        if (execute)
        {
            await Get<ExecutionService>().ExecuteAsync(project.Id, "tester", cancellationToken);
        }

        return project.Id;
    }

    /// <summary>Waits until the project's run satisfies <paramref name="done"/>; returns that view.</summary>
    public async Task<ProjectRunView> WaitForAsync(Guid projectId, Func<ProjectRunView, bool> done, CancellationToken cancellationToken)
    {
        var reader = Get<ProjectRunReader>();
        while (true)
        {
            var view = await reader.ReadAsync(projectId, cancellationToken);
            if (done(view))
            {
                return view;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits until the project is no longer running (completed, failed, paused or cancelled).</summary>
    public Task<ProjectRunView> WaitForEndAsync(Guid projectId, CancellationToken cancellationToken) =>
        WaitForAsync(projectId, v => v.Status is not (ProjectStatus.Running or ProjectStatus.Approved), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.StopAsync(stop.Token);
        }

        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (server is not null && ownsDatabase)
        {
            await server.DropDatabaseAsync(ConnectionString, CancellationToken.None);
        }

        directory.Dispose();
    }
}
