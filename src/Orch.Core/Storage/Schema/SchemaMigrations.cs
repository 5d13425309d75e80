namespace Orch.Core.Storage.Schema;

/// <summary>
/// Every schema step Orch has shipped, oldest first. A shipped step is never edited: a change
/// to the model is a new step at the end (and the schema test checks model and schema agree).
/// </summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "initial", V0001Initial.Sqlite, V0001Initial.Postgres),
        new(2, "task limits", V0002TaskLimits.Sqlite, V0002TaskLimits.Postgres),
        new(3, "frozen plans", V0003FrozenPlans.Sqlite, V0003FrozenPlans.Postgres),
        new(4, "budget counters", V0004BudgetCounters.Sqlite, V0004BudgetCounters.Postgres),
        new(5, "execution", V0005Execution.Sqlite, V0005Execution.Postgres),
        new(6, "accounts", V0006Accounts.Sqlite, V0006Accounts.Postgres),
        new(7, "status reads", V0007StatusReads.Sqlite, V0007StatusReads.Postgres),
    ];

    public static int Latest => All[^1].Version;
}
