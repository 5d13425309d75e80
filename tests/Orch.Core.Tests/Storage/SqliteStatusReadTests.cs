using Microsoft.EntityFrameworkCore;
using Orch.Core.Execution;
using Orch.Testing;

namespace Orch.Core.Tests.Storage;

/// <summary>
/// Status reads every task state and attempt cost of a project on each call; on SQLite they must come
/// from their covering indexes, not from table rows that hold the outputs ahead of the columns read.
/// </summary>
public sealed class SqliteStatusReadTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task TaskStates_AreReadFromTheirCoveringIndex()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct);
        await using var db = store.Db();

        var plan = await PlanOfAsync(db, ProjectRunReader.StatesOf(db, Guid.NewGuid()));

        Assert.Contains("USING COVERING INDEX ix_plan_tasks_plan_state", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttemptCosts_AreReadFromTheirCoveringIndex()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct);
        await using var db = store.Db();

        var plan = await PlanOfAsync(db, ProjectRunReader.AttemptsOf(db, Guid.NewGuid()));

        Assert.Contains("USING COVERING INDEX ix_task_runs_project_cost", plan, StringComparison.Ordinal);
    }

    /// <summary>SQLite's plan for the query EF sends, with its parameters.</summary>
    private static async Task<string> PlanOfAsync<T>(DbContext db, IQueryable<T> query)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
