namespace Orch.Core.Storage.Schema;

/// <summary>
/// Covering indexes for the reads that status and the run view repeat all the time: every task's state
/// in a plan and every attempt's tier, model and cost in a project. On SQLite a row is read column by
/// column from its start, and the columns these reads need were added after the tasks' and attempts'
/// outputs, so each read walked through every output (kilobytes, on overflow pages) to reach them; from
/// these indexes it reads only what it asks for. PostgreSQL keeps large values out of line (TOAST) and
/// reads a column without walking the others: nothing to do there.
/// </summary>
internal static class V0007StatusReads
{
    public const string Sqlite = """
        CREATE INDEX ix_plan_tasks_plan_state ON plan_tasks (plan_id, id, status, tier, attempts, started_at, completed_at, error);
        CREATE INDEX ix_task_runs_project_cost ON task_runs (project_id, plan_task_id, attempt, tier, model, cost_micros);
        """;

    public const string Postgres = "";
}
