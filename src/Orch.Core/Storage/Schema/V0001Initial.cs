namespace Orch.Core.Storage.Schema;

/// <summary>The first schema: projects, plans and their tasks, runs, usage, reservations and events.</summary>
internal static class V0001Initial
{
    public const string Sqlite = """
        CREATE TABLE projects (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT NULL,
            status TEXT NOT NULL,
            budget_micros INTEGER NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            row_version INTEGER NOT NULL
        );
        CREATE INDEX ix_projects_status ON projects (status);

        CREATE TABLE plans (
            id TEXT NOT NULL PRIMARY KEY,
            project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE RESTRICT,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            source TEXT NOT NULL,
            requirements TEXT NOT NULL,
            summary TEXT NULL,
            based_on_plan_id TEXT NULL,
            estimated_cost_micros INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            decided_at TEXT NULL,
            decided_by TEXT NULL,
            row_version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ux_plans_project_version ON plans (project_id, version);

        CREATE TABLE plan_tasks (
            id TEXT NOT NULL PRIMARY KEY,
            plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            kind TEXT NOT NULL,
            complexity TEXT NOT NULL,
            tier TEXT NULL,
            tools TEXT NOT NULL,
            acceptance_criteria TEXT NOT NULL,
            priority INTEGER NOT NULL,
            depends_on TEXT NOT NULL,
            estimated_cost_micros INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            started_at TEXT NULL,
            completed_at TEXT NULL,
            row_version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ux_plan_tasks_plan_key ON plan_tasks (plan_id, key);
        CREATE INDEX ix_plan_tasks_project_status ON plan_tasks (project_id, status);

        CREATE TABLE task_runs (
            id TEXT NOT NULL PRIMARY KEY,
            project_id TEXT NOT NULL,
            plan_task_id TEXT NOT NULL REFERENCES plan_tasks (id) ON DELETE CASCADE,
            attempt INTEGER NOT NULL,
            status TEXT NOT NULL,
            tier TEXT NULL,
            provider TEXT NULL,
            model TEXT NULL,
            worker TEXT NULL,
            created_at TEXT NOT NULL,
            started_at TEXT NULL,
            ended_at TEXT NULL,
            output TEXT NULL,
            error TEXT NULL,
            row_version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ux_task_runs_task_attempt ON task_runs (plan_task_id, attempt);
        CREATE INDEX ix_task_runs_project_status ON task_runs (project_id, status);

        CREATE TABLE usage_records (
            id TEXT NOT NULL PRIMARY KEY,
            purpose TEXT NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            tier TEXT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cost_micros INTEGER NOT NULL,
            latency_ms INTEGER NOT NULL,
            occurred_at TEXT NOT NULL,
            project_id TEXT NULL,
            plan_task_id TEXT NULL,
            task_run_id TEXT NULL,
            attempt INTEGER NULL
        );
        CREATE INDEX ix_usage_records_occurred_at ON usage_records (occurred_at);
        CREATE INDEX ix_usage_records_project_occurred_at ON usage_records (project_id, occurred_at);
        CREATE TRIGGER usage_records_no_update BEFORE UPDATE ON usage_records BEGIN SELECT RAISE(ABORT, 'usage_records is append-only'); END;
        CREATE TRIGGER usage_records_no_delete BEFORE DELETE ON usage_records BEGIN SELECT RAISE(ABORT, 'usage_records is append-only'); END;

        CREATE TABLE budget_reservations (
            id TEXT NOT NULL PRIMARY KEY,
            project_id TEXT NULL,
            task_run_id TEXT NULL,
            amount_micros INTEGER NOT NULL,
            spent_micros INTEGER NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            settled_at TEXT NULL,
            row_version INTEGER NOT NULL
        );
        CREATE INDEX ix_budget_reservations_status_expires ON budget_reservations (status, expires_at);
        CREATE INDEX ix_budget_reservations_project_status ON budget_reservations (project_id, status);

        CREATE TABLE events (
            sequence INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            occurred_at TEXT NOT NULL,
            type TEXT NOT NULL,
            project_id TEXT NULL,
            plan_task_id TEXT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX ix_events_project_sequence ON events (project_id, sequence);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
        """;

    public const string Postgres = """
        CREATE TABLE projects (
            id uuid NOT NULL PRIMARY KEY,
            name text NOT NULL,
            description text NULL,
            status text NOT NULL,
            budget_micros bigint NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            row_version bigint NOT NULL
        );
        CREATE INDEX ix_projects_status ON projects (status);

        CREATE TABLE plans (
            id uuid NOT NULL PRIMARY KEY,
            project_id uuid NOT NULL REFERENCES projects (id) ON DELETE RESTRICT,
            version integer NOT NULL,
            status text NOT NULL,
            source text NOT NULL,
            requirements text NOT NULL,
            summary text NULL,
            based_on_plan_id uuid NULL,
            estimated_cost_micros bigint NOT NULL,
            created_at timestamptz NOT NULL,
            decided_at timestamptz NULL,
            decided_by text NULL,
            row_version bigint NOT NULL
        );
        CREATE UNIQUE INDEX ux_plans_project_version ON plans (project_id, version);

        CREATE TABLE plan_tasks (
            id uuid NOT NULL PRIMARY KEY,
            plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
            project_id uuid NOT NULL,
            position integer NOT NULL,
            key text NOT NULL,
            title text NOT NULL,
            description text NOT NULL,
            kind text NOT NULL,
            complexity text NOT NULL,
            tier text NULL,
            tools text NOT NULL,
            acceptance_criteria text NOT NULL,
            priority integer NOT NULL,
            depends_on text NOT NULL,
            estimated_cost_micros bigint NOT NULL,
            status text NOT NULL,
            attempts integer NOT NULL,
            started_at timestamptz NULL,
            completed_at timestamptz NULL,
            row_version bigint NOT NULL
        );
        CREATE UNIQUE INDEX ux_plan_tasks_plan_key ON plan_tasks (plan_id, key);
        CREATE INDEX ix_plan_tasks_project_status ON plan_tasks (project_id, status);

        CREATE TABLE task_runs (
            id uuid NOT NULL PRIMARY KEY,
            project_id uuid NOT NULL,
            plan_task_id uuid NOT NULL REFERENCES plan_tasks (id) ON DELETE CASCADE,
            attempt integer NOT NULL,
            status text NOT NULL,
            tier text NULL,
            provider text NULL,
            model text NULL,
            worker text NULL,
            created_at timestamptz NOT NULL,
            started_at timestamptz NULL,
            ended_at timestamptz NULL,
            output text NULL,
            error text NULL,
            row_version bigint NOT NULL
        );
        CREATE UNIQUE INDEX ux_task_runs_task_attempt ON task_runs (plan_task_id, attempt);
        CREATE INDEX ix_task_runs_project_status ON task_runs (project_id, status);

        CREATE FUNCTION orch_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END
        $$;

        CREATE TABLE usage_records (
            id uuid NOT NULL PRIMARY KEY,
            purpose text NOT NULL,
            provider text NOT NULL,
            model text NOT NULL,
            tier text NULL,
            input_tokens bigint NOT NULL,
            output_tokens bigint NOT NULL,
            cost_micros bigint NOT NULL,
            latency_ms bigint NOT NULL,
            occurred_at timestamptz NOT NULL,
            project_id uuid NULL,
            plan_task_id uuid NULL,
            task_run_id uuid NULL,
            attempt integer NULL
        );
        CREATE INDEX ix_usage_records_occurred_at ON usage_records (occurred_at);
        CREATE INDEX ix_usage_records_project_occurred_at ON usage_records (project_id, occurred_at);
        CREATE TRIGGER usage_records_append_only BEFORE UPDATE OR DELETE ON usage_records
            FOR EACH ROW EXECUTE FUNCTION orch_refuse_change();

        CREATE TABLE budget_reservations (
            id uuid NOT NULL PRIMARY KEY,
            project_id uuid NULL,
            task_run_id uuid NULL,
            amount_micros bigint NOT NULL,
            spent_micros bigint NULL,
            status text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            settled_at timestamptz NULL,
            row_version bigint NOT NULL
        );
        CREATE INDEX ix_budget_reservations_status_expires ON budget_reservations (status, expires_at);
        CREATE INDEX ix_budget_reservations_project_status ON budget_reservations (project_id, status);

        CREATE TABLE events (
            sequence bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            occurred_at timestamptz NOT NULL,
            type text NOT NULL,
            project_id uuid NULL,
            plan_task_id uuid NULL,
            payload text NOT NULL
        );
        CREATE INDEX ix_events_project_sequence ON events (project_id, sequence);
        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION orch_refuse_change();
        """;
}
