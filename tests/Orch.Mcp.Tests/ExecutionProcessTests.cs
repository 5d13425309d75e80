using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>Execution across real processes: a kill -9 mid-run, two nodes on PostgreSQL, the MCP server beside the dashboard.</summary>
public sealed class ExecutionProcessTests
{
    // Bullets: independent tasks, so that several run at once.
    private const string Requirements = "Product launch\n- Research the market\n- Draft the announcement\n- Write the FAQ\n- Prepare the pricing page\n- Write the press release\n- Plan the social posts\n- Draft the customer email\n- Collect the launch metrics";

    private static CancellationToken Ct => TestTimeout.Token;

    private static Dictionary<string, string?> Settings(string dataDirectory, string? connectionString = null) => new()
    {
        ["Orch__DataDirectory"] = dataDirectory,
        ["Orch__Storage__ConnectionString"] = connectionString ?? string.Empty,
        ["Orch__Models__Providers__offline__SimulatedLatencyMs"] = "700",
        ["Orch__Execution__MaxConcurrentTasks"] = "3",
        ["Orch__Execution__MaxConcurrentTasksPerProject"] = "3",
        ["Orch__Execution__LeaseSeconds"] = "2",
        ["Orch__Execution__RecoverySeconds"] = "1",
        ["Orch__Execution__PollMilliseconds"] = "100",
    };

    [Fact]
    public async Task ProgressNotifications_OnTheWire_OnlyGrow_AndEndAtEveryTask()
    {
        using var data = new TempDirectory();
        await using var session = await McpSession.StartAsync(Settings(data.Path), Ct);
        var plan = await session.ToolAsync("plan", new JsonObject { ["requirements"] = Requirements }, Ct);
        await session.ToolAsync("approve", new JsonObject { ["plan_id"] = plan["plan_id"]!.GetValue<string>() }, Ct);
        var project = plan["project_id"]!.GetValue<string>();
        var tasks = plan["tasks"]!.AsArray().Count;

        await session.RequestAsync("tools/call", new JsonObject
        {
            ["name"] = "execute",
            ["arguments"] = new JsonObject { ["project_id"] = project },
            ["_meta"] = new JsonObject { ["progressToken"] = "launch" },
        }, Ct);
        await session.WaitForAsync(project, s => s["status"]!.GetValue<string>() == "completed", Ct);
        // The last notification may follow the status that saw the run complete: read on until it came.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Progress(session).Any(p => p.Progress == tasks) && DateTime.UtcNow < deadline)
        {
            await session.RequestAsync("ping", new JsonObject(), Ct);
            await Task.Delay(100, Ct);
        }

        var progress = Progress(session);
        Assert.Equal(tasks, progress[^1].Progress);
        Assert.All(progress, p => Assert.Equal(tasks, p.Total));
        Assert.Equal(progress.Select(p => p.Progress).Order().ToList(), progress.Select(p => p.Progress).ToList());
        Assert.True(progress.Count >= 3, $"a notification as tasks finish, got {progress.Count}");

        static List<(int Progress, int Total)> Progress(McpSession session) =>
        [
            .. session.Notifications
                .Where(n => n["method"]!.GetValue<string>() == "notifications/progress" && n["params"]!["progressToken"]!.GetValue<string>() == "launch")
                .Select(n => (n["params"]!["progress"]!.GetValue<int>(), n["params"]!["total"]!.GetValue<int>())),
        ];
    }

    [Fact]
    public async Task KilledMidRun_AndStartedAgain_RunningWorkRunsAgain_CompletedWorkNever_AndNothingLeaks()
    {
        using var data = new TempDirectory();
        var settings = Settings(data.Path);
        string project;
        Dictionary<string, (string Status, long Attempts)> atKill;
        await using (var first = await McpSession.StartAsync(settings, Ct))
        {
            project = await first.PlanApproveExecuteAsync(Requirements, Ct);
            await first.WaitForAsync(project, s => McpSession.Count(s, "completed") >= 2 && McpSession.Count(s, "running") + McpSession.Count(s, "verifying") >= 1, Ct);
            await first.Process.KillAsync(Ct);
            atKill = await TasksAsync(Sqlite(data.Path), project);
        }

        Assert.Contains(atKill.Values, t => t.Status is "Running" or "Verifying");
        await using (var second = await McpSession.StartAsync(settings, Ct))
        {
            var done = await second.WaitForAsync(project, s => s["status"]!.GetValue<string>() is "completed" or "failed", Ct);
            Assert.Equal("completed", done["status"]!.GetValue<string>());
        }

        await using var db = Sqlite(data.Path);
        var after = await TasksAsync(db, project);
        foreach (var (key, before) in atKill.Where(t => t.Value.Status == "Completed"))
        {
            Assert.Equal(before.Attempts, after[key].Attempts);
        }

        foreach (var (key, _) in atKill.Where(t => t.Value.Status is "Running" or "Verifying"))
        {
            Assert.Equal("Completed", after[key].Status);
            Assert.Equal(1L, await ScalarAsync(db, $"SELECT COUNT(*) FROM task_runs r JOIN plan_tasks t ON t.id = r.plan_task_id WHERE t.key = '{key}' AND t.project_id = '{project.ToUpperInvariant()}' AND r.status = 'Interrupted'"));
        }

        await AssertLedgerCleanAsync(db, project);
    }

    [Fact]
    public async Task TwoNodesOnPostgres_ShareOneProject_AndWhenOneIsKilledTheOtherFinishes()
    {
        var server = await PostgresServer.GetAsync(Ct);
        var connectionString = await server.CreateDatabaseAsync(Ct);
        try
        {
            using var dataA = new TempDirectory();
            using var dataB = new TempDirectory();
            await using var a = await McpSession.StartAsync(Settings(dataA.Path, connectionString), Ct);
            await using var b = await McpSession.StartAsync(Settings(dataB.Path, connectionString), Ct);
            var project = await a.PlanApproveExecuteAsync(Requirements, Ct);
            await using var db = new NpgsqlConnection(connectionString);
            await db.OpenAsync(Ct);
            while (await ScalarAsync(db, $"SELECT COUNT(DISTINCT worker) FROM task_runs WHERE project_id = '{project}'") < 2)
            {
                Assert.False(await ScalarAsync(db, $"SELECT COUNT(*) FROM plan_tasks WHERE project_id = '{project}' AND status IN ('Pending', 'Ready')") == 0, "one node took every task");
                await Task.Delay(50, Ct);
            }

            await a.Process.KillAsync(Ct);
            var done = await b.WaitForAsync(project, s => s["status"]!.GetValue<string>() is "completed" or "failed", Ct);

            Assert.Equal("completed", done["status"]!.GetValue<string>());
            Assert.Equal(0L, await ScalarAsync(db, $"SELECT COUNT(*) FROM plan_tasks WHERE project_id = '{project}' AND status <> 'Completed' AND plan_id IN (SELECT id FROM plans WHERE status = 'Approved')"));
            await AssertLedgerCleanAsync(db, project);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(connectionString, CancellationToken.None);
        }
    }

    [Fact]
    public async Task McpServerAndDashboard_OnOneSqliteDirectory_BothWork_AndEveryTaskRunsOnce()
    {
        using var data = new TempDirectory();
        var settings = Settings(data.Path);
        settings["Orch__Models__Providers__offline__SimulatedLatencyMs"] = "200";
        var port = FreePort.Next();
        var adminSettings = new Dictionary<string, string?>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        await using var admin = HostProcess.Start("Orch.Admin", adminSettings);
        await using var mcp = await McpSession.StartAsync(settings, Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitForHttpAsync(http, "/ready");

        var project = await mcp.PlanApproveExecuteAsync(Requirements, Ct);
        var done = await mcp.WaitForAsync(project, s => s["status"]!.GetValue<string>() is "completed" or "failed", Ct);

        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.All(done["tasks"]!.AsArray(), t => Assert.Equal(1, t!["attempts"]!.GetValue<int>()));
        await using var db = Sqlite(data.Path);
        Assert.Equal(0L, await ScalarAsync(db, $"SELECT COUNT(*) FROM (SELECT plan_task_id FROM task_runs GROUP BY plan_task_id HAVING COUNT(*) > 1) AS repeated"));
        var workers = await ScalarAsync(db, "SELECT COUNT(DISTINCT worker) FROM task_runs");
        Assert.InRange(workers, 1, 2);
        var first = done["tasks"]![0]!["id"]!.GetValue<string>();
        var output = await mcp.ToolAsync("task_output", new JsonObject { ["project_id"] = project, ["task_id"] = first }, Ct);
        Assert.Contains("offline provider", output["output"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("pass", output["verdict"]!.GetValue<string>());
        var usage = await mcp.ToolAsync("usage", new JsonObject { ["days"] = 1 }, Ct);
        Assert.True(usage["calls"]!.GetValue<long>() >= 8);
        Assert.Contains(usage["by_project"]!.AsArray(), l => l!["name"]!.GetValue<string>() == "Product launch");
        // The dashboard shows projects to a signed-in person only: the first account (an admin) looks.
        await DashboardForms.RegisterAsync(http, "watcher", "Watch-the-run-1", Ct);
        var page = await http.GetStringAsync("/", Ct);
        Assert.Contains("Product launch", page, StringComparison.Ordinal);
    }

    private static SqliteConnection Sqlite(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "orch.db")};Pooling=false");
        connection.Open();
        return connection;
    }

    private static async Task<Dictionary<string, (string Status, long Attempts)>> TasksAsync(DbConnection db, string project)
    {
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT key, status, attempts FROM plan_tasks WHERE upper(project_id) = '{project.ToUpperInvariant()}'";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tasks = new Dictionary<string, (string, long)>();
        while (await reader.ReadAsync(Ct))
        {
            tasks[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return tasks;
    }

    /// <summary>No reservation is left held, every completed attempt's model call is recorded once, and none more than once.</summary>
    private static async Task AssertLedgerCleanAsync(DbConnection db, string project)
    {
        Assert.Equal(0L, await ScalarAsync(db, "SELECT COUNT(*) FROM budget_reservations WHERE status = 'Held'"));
        Assert.Equal(0L, await ScalarAsync(db, $"SELECT COUNT(*) FROM task_runs r WHERE upper(CAST(r.project_id AS text)) = '{project.ToUpperInvariant()}' AND r.status = 'Succeeded' AND (SELECT COUNT(*) FROM usage_records u WHERE u.task_run_id = r.id AND u.purpose = 'Execution') <> 1"));
        Assert.Equal(0L, await ScalarAsync(db, $"SELECT COUNT(*) FROM task_runs r WHERE upper(CAST(r.project_id AS text)) = '{project.ToUpperInvariant()}' AND (SELECT COUNT(*) FROM usage_records u WHERE u.task_run_id = r.id AND u.purpose = 'Execution') > 1"));
    }

    private static async Task<long> ScalarAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForHttpAsync(HttpClient http, string path)
    {
        while (true)
        {
            try
            {
                if ((await http.GetAsync(path, Ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, Ct);
        }
    }
}
