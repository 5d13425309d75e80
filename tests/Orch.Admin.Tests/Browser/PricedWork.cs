using System.Globalization;
using Microsoft.Data.Sqlite;
using Orch.Testing;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// Work that costs money, for the dashboard to show: priced tiers on the offline provider, set alike in the
/// dashboard's process and in an engine of the test's own on the same SQLite file. The test's engine creates,
/// approves and starts projects but runs no task (<c>RunTasks</c> off): the dashboard's process, which runs
/// the engine too, picks the tasks up, so their events reach the dashboard's live feed as real work's would.
/// </summary>
internal sealed class PricedWork : IAsyncDisposable
{
    /// <summary>Three tiers, cheapest first, and caps the test's spend stays well under.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>(PricedTiers.Settings())
    {
        ["Orch:Budget:DailyCapUsd"] = "10",
        ["Orch:Budget:MonthlyCapUsd"] = "100",
        // Each call takes a moment, so that a run lasts long enough to be watched.
        ["Orch:Models:Providers:offline:SimulatedLatencyMs"] = "150",
    };

    private readonly EngineHost engine;

    private PricedWork(EngineHost engine, string database)
    {
        this.engine = engine;
        Database = database;
    }

    /// <summary>The SQLite file the dashboard and the test's engine share.</summary>
    public string Database { get; }

    /// <summary><see cref="Settings"/> as the dashboard process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> Environment() =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>
    /// An engine of the test's on <paramref name="site"/>'s database, which starts work and leaves it to the site;
    /// or runs it itself with <paramref name="runTasks"/>, as an MCP server beside the dashboard would.
    /// </summary>
    public static async Task<PricedWork> OnAsync(AdminSite site, CancellationToken cancellationToken, bool runTasks = false)
    {
        var database = Path.Combine(site.DataDirectory, "orch.db");
        var settings = new Dictionary<string, string?>(Settings) { ["Orch:Execution:RunTasks"] = runTasks ? "true" : "false" };
        return new PricedWork(await EngineHost.StartAsync(StoreKind.Sqlite, cancellationToken, settings, $"Data Source={database}"), database);
    }

    /// <summary>Starts a → (b, c) → d, on the small and large tiers; returns the project's id.</summary>
    public Task<Guid> StartDiamondAsync(CancellationToken cancellationToken) => engine.RunPlanAsync(
        new
        {
            tasks = new[]
            {
                Part("a", "small"),
                Part("b", "small", "a"),
                Part("c", "large", "a"),
                Part("d", "small", "b", "c"),
            },
        },
        cancellationToken);

    /// <summary>The same diamond, approved and left for a person to execute; returns the project's id.</summary>
    public Task<Guid> ApproveDiamondAsync(CancellationToken cancellationToken) => engine.RunPlanAsync(
        new { tasks = new[] { Part("a", "small"), Part("b", "small", "a"), Part("c", "large", "a"), Part("d", "small", "b", "c") } },
        cancellationToken,
        execute: false);

    /// <summary>
    /// a, then b for the assistant: the engine never claims b, so the run stays running until a person skips it
    /// (or an assistant does it); returns the project's id.
    /// </summary>
    public Task<Guid> StartWaitingOnTheAssistantAsync(CancellationToken cancellationToken) => engine.RunPlanAsync(
        new { tasks = new[] { Part("a", "small"), Part("b", "assistant", "a") } },
        cancellationToken);

    /// <summary>The project's run as Core reads it from the shared database.</summary>
    public Task<Orch.Core.Execution.ProjectRunView> RunOfAsync(Guid projectId, CancellationToken cancellationToken) =>
        engine.Get<Orch.Core.Execution.ProjectRunReader>().ReadAsync(projectId, cancellationToken);

    /// <summary>Waits until the project's run satisfies <paramref name="done"/>.</summary>
    public Task WaitForAsync(Guid projectId, Func<Orch.Core.Execution.ProjectRunView, bool> done, CancellationToken cancellationToken) =>
        engine.WaitForAsync(projectId, done, cancellationToken);

    /// <summary>Waits until the dashboard's process has run the project to its end.</summary>
    public Task WaitForEndAsync(Guid projectId, CancellationToken cancellationToken) => engine.WaitForEndAsync(projectId, cancellationToken);

    /// <summary>The recorded model calls, straight from the table: how many, and their cost in USD.</summary>
    public static async Task<(long Calls, decimal CostUsd)> RecordedCallsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(cost_micros), 0) FROM usage_records";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1) / 1_000_000m);
    }

    public ValueTask DisposeAsync() => engine.DisposeAsync();

    private static object Part(string key, string tier, params string[] dependsOn) => ReportPart.Of(key, tier, null, dependsOn);

    /// <summary>How the dashboard writes an amount (see <c>Usd</c>), for comparing with what a page shows.</summary>
    public static string Format(decimal usd) => Orch.Admin.Components.Dashboard.Usd.Format(usd);

    /// <summary>Today's date in UTC as the CSV's file name has it.</summary>
    public static string Today() => DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
