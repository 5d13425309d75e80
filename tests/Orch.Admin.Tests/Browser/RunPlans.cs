using Microsoft.Data.Sqlite;
using Orch.Core.Execution;
using Orch.Core.Models;
using Orch.Testing;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// Plans for the run pages, made through Core on the dashboard's own database by an engine of the test's that runs
/// no task (as <see cref="PricedWork"/> does): the dashboard's process runs them, so their events reach its live
/// feed. Beside <see cref="PricedWork.Settings"/>'s priced tiers, a fourth, <c>unreachable</c>, whose provider
/// listens nowhere, fails every task given to it.
/// </summary>
internal sealed class RunPlans : IAsyncDisposable
{
    private readonly EngineHost engine;

    private RunPlans(EngineHost engine, string database)
    {
        this.engine = engine;
        Database = database;
    }

    public string Database { get; }

    /// <summary>The dashboard's settings as environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } =
        Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public static async Task<RunPlans> OnAsync(AdminSite site, CancellationToken cancellationToken)
    {
        var database = Path.Combine(site.DataDirectory, "orch.db");
        var settings = new Dictionary<string, string?>(Settings()) { ["Orch:Execution:RunTasks"] = "false" };
        return new RunPlans(await EngineHost.StartAsync(StoreKind.Sqlite, cancellationToken, settings, $"Data Source={database}"), database);
    }

    /// <summary>a → (b, c) → d on the small and large tiers, approved and not started.</summary>
    public Task<Guid> ApprovedDiamondAsync(CancellationToken cancellationToken) =>
        engine.RunPlanAsync(new { tasks = new[] { Part("a", "small"), Part("b", "small", dependsOn: "a"), Part("c", "large", dependsOn: "a"), Part("d", "small", dependsOn: ["b", "c"]) } }, cancellationToken, execute: false);

    /// <summary>
    /// Runs a, and w for the calling assistant, which the engine never claims, with z after w: the project keeps
    /// running until a person steps in.
    /// </summary>
    public Task<Guid> StartedWaitingAsync(CancellationToken cancellationToken) =>
        engine.RunPlanAsync(new { tasks = new[] { Part("a", "small"), Part("w", AssistantTier.Name), Part("z", "small", dependsOn: "w") } }, cancellationToken);

    /// <summary>x on the unreachable tier with one attempt, so that it fails at once; y waits for it.</summary>
    public Task<Guid> StartedFailingAsync(CancellationToken cancellationToken) =>
        engine.RunPlanAsync(new { tasks = new[] { Part("x", "unreachable", maxAttempts: 1), Part("y", "small", dependsOn: "x") } }, cancellationToken);

    public Task<ProjectRunView> WaitForAsync(Guid projectId, Func<ProjectRunView, bool> done, CancellationToken cancellationToken) =>
        engine.WaitForAsync(projectId, done, cancellationToken);

    public Task<ProjectRunView> ReadAsync(Guid projectId, CancellationToken cancellationToken) =>
        engine.Get<ProjectRunReader>().ReadAsync(projectId, cancellationToken);

    /// <summary>A task's recorded model calls, from the table: input tokens, output tokens and cost in USD.</summary>
    public async Task<(long Input, long Output, decimal CostUsd)> CallsOfAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(u.input_tokens), 0), COALESCE(SUM(u.output_tokens), 0), COALESCE(SUM(u.cost_micros), 0)
            FROM usage_records u JOIN plan_tasks t ON t.id = u.plan_task_id WHERE t.key = $key
            """;
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2) / 1_000_000m);
    }

    public ValueTask DisposeAsync() => engine.DisposeAsync();

    private static Dictionary<string, string?> Settings() => new(PricedWork.Settings)
    {
        ["Orch:Models:Tiers:3:Name"] = "unreachable",
        ["Orch:Models:Tiers:3:Provider"] = "nowhere",
        ["Orch:Models:Tiers:3:Model"] = "gone",
        ["Orch:Models:Tiers:3:InputUsdPerMillion"] = "1",
        ["Orch:Models:Tiers:3:OutputUsdPerMillion"] = "2",
        ["Orch:Models:Providers:nowhere:Kind"] = "OpenAI",
        // A port nothing listens on: every call is refused at once.
        ["Orch:Models:Providers:nowhere:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/v1",
        ["Orch:Models:Providers:nowhere:ApiKey"] = "sk-unused",
        ["Orch:Models:Providers:nowhere:MaxRetries"] = "0",
    };

    private static object Part(string key, string tier, int? maxAttempts = null, params string[] dependsOn) => ReportPart.Of(key, tier, maxAttempts, dependsOn);
}
