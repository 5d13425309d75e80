namespace Orch.Core.Storage.Schema;

/// <summary>
/// What the engine needs: run leases and results, a task's retry time and escalation, why a
/// project stopped, the nodes that run work, and the knowledge that tasks search.
/// </summary>
internal static class V0005Execution
{
    public const string Sqlite = """
        ALTER TABLE projects ADD COLUMN status_reason TEXT NULL;

        ALTER TABLE plan_tasks ADD COLUMN not_before TEXT NULL;
        ALTER TABLE plan_tasks ADD COLUMN escalation INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE plan_tasks ADD COLUMN interruptions INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE plan_tasks ADD COLUMN feedback TEXT NULL;
        ALTER TABLE plan_tasks ADD COLUMN output TEXT NULL;
        ALTER TABLE plan_tasks ADD COLUMN error TEXT NULL;
        CREATE INDEX ix_plan_tasks_status_priority ON plan_tasks (status, priority, position);

        ALTER TABLE task_runs ADD COLUMN lease_expires_at TEXT NULL;
        ALTER TABLE task_runs ADD COLUMN rounds INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN cost_micros INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN files TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE task_runs ADD COLUMN verdict TEXT NULL;
        ALTER TABLE task_runs ADD COLUMN verdict_detail TEXT NULL;
        CREATE INDEX ix_task_runs_status_lease ON task_runs (status, lease_expires_at);

        CREATE TABLE nodes (
            id TEXT NOT NULL PRIMARY KEY,
            host TEXT NOT NULL,
            machine TEXT NOT NULL,
            process_id INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL,
            stopped_at TEXT NULL,
            row_version INTEGER NOT NULL
        );

        CREATE TABLE knowledge_entries (
            id TEXT NOT NULL PRIMARY KEY,
            project_id TEXT NOT NULL,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            content TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ux_knowledge_entries_project_source ON knowledge_entries (project_id, source);
        CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, content, content='knowledge_entries', content_rowid='rowid', tokenize='unicode61');
        CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge_entries BEGIN
            INSERT INTO knowledge_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
        END;
        CREATE TRIGGER knowledge_fts_delete AFTER DELETE ON knowledge_entries BEGIN
            INSERT INTO knowledge_fts (knowledge_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
        END;
        CREATE TRIGGER knowledge_fts_update AFTER UPDATE ON knowledge_entries BEGIN
            INSERT INTO knowledge_fts (knowledge_fts, rowid, title, content) VALUES ('delete', old.rowid, old.title, old.content);
            INSERT INTO knowledge_fts (rowid, title, content) VALUES (new.rowid, new.title, new.content);
        END;
        """;

    public const string Postgres = """
        ALTER TABLE projects ADD COLUMN status_reason text NULL;

        ALTER TABLE plan_tasks ADD COLUMN not_before timestamptz NULL;
        ALTER TABLE plan_tasks ADD COLUMN escalation integer NOT NULL DEFAULT 0;
        ALTER TABLE plan_tasks ADD COLUMN interruptions integer NOT NULL DEFAULT 0;
        ALTER TABLE plan_tasks ADD COLUMN feedback text NULL;
        ALTER TABLE plan_tasks ADD COLUMN output text NULL;
        ALTER TABLE plan_tasks ADD COLUMN error text NULL;
        CREATE INDEX ix_plan_tasks_status_priority ON plan_tasks (status, priority, position);

        ALTER TABLE task_runs ADD COLUMN lease_expires_at timestamptz NULL;
        ALTER TABLE task_runs ADD COLUMN rounds integer NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN input_tokens bigint NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN output_tokens bigint NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN cost_micros bigint NOT NULL DEFAULT 0;
        ALTER TABLE task_runs ADD COLUMN files text NOT NULL DEFAULT '[]';
        ALTER TABLE task_runs ADD COLUMN verdict text NULL;
        ALTER TABLE task_runs ADD COLUMN verdict_detail text NULL;
        CREATE INDEX ix_task_runs_status_lease ON task_runs (status, lease_expires_at);

        CREATE TABLE nodes (
            id text NOT NULL PRIMARY KEY,
            host text NOT NULL,
            machine text NOT NULL,
            process_id integer NOT NULL,
            started_at timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL,
            stopped_at timestamptz NULL,
            row_version bigint NOT NULL
        );

        CREATE TABLE knowledge_entries (
            id uuid NOT NULL PRIMARY KEY,
            project_id uuid NOT NULL,
            source text NOT NULL,
            title text NOT NULL,
            content text NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ux_knowledge_entries_project_source ON knowledge_entries (project_id, source);
        CREATE INDEX ix_knowledge_entries_text ON knowledge_entries USING gin (to_tsvector('simple', title || ' ' || content));
        """;
}
