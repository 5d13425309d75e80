namespace Orch.Core.Storage.Schema;

/// <summary>Running totals per cap scope, so that a reservation checks three rows instead of summing all spend.</summary>
internal static class V0004BudgetCounters
{
    public const string Sqlite = """
        CREATE TABLE budget_counters (
            scope TEXT NOT NULL PRIMARY KEY,
            spent_micros INTEGER NOT NULL,
            held_micros INTEGER NOT NULL,
            row_version INTEGER NOT NULL
        );
        ALTER TABLE budget_reservations ADD COLUMN day_scope TEXT NOT NULL DEFAULT '';
        ALTER TABLE budget_reservations ADD COLUMN month_scope TEXT NOT NULL DEFAULT '';
        """;

    public const string Postgres = """
        CREATE TABLE budget_counters (
            scope text NOT NULL PRIMARY KEY,
            spent_micros bigint NOT NULL,
            held_micros bigint NOT NULL,
            row_version bigint NOT NULL
        );
        ALTER TABLE budget_reservations ADD COLUMN day_scope text NOT NULL DEFAULT '';
        ALTER TABLE budget_reservations ADD COLUMN month_scope text NOT NULL DEFAULT '';
        """;
}
