namespace Orch.Core.Storage.Schema;

/// <summary>
/// Plan versions are frozen in the database itself: at most one approved version per project, no
/// plan or task is ever deleted, and a version's content and its tasks' definitions never change
/// (only statuses, decisions and execution state do) — whatever code or tool writes to the tables.
/// </summary>
internal static class V0003FrozenPlans
{
    public const string Sqlite = """
        CREATE UNIQUE INDEX ux_plans_one_approved ON plans (project_id) WHERE status = 'Approved';
        CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans BEGIN SELECT RAISE(ABORT, 'plan versions are never deleted'); END;
        CREATE TRIGGER plans_frozen BEFORE UPDATE OF id, project_id, version, source, requirements, summary, based_on_plan_id, estimated_cost_micros, created_at ON plans
            BEGIN SELECT RAISE(ABORT, 'a plan version''s content never changes'); END;
        CREATE TRIGGER plan_tasks_no_delete BEFORE DELETE ON plan_tasks BEGIN SELECT RAISE(ABORT, 'plan tasks are never deleted'); END;
        CREATE TRIGGER plan_tasks_frozen BEFORE UPDATE OF id, plan_id, project_id, position, key, title, description, kind, complexity, tier, tools,
            acceptance_criteria, priority, depends_on, estimated_cost_micros, timeout_seconds, max_attempts ON plan_tasks
            BEGIN SELECT RAISE(ABORT, 'a plan task''s definition never changes'); END;
        """;

    public const string Postgres = """
        CREATE UNIQUE INDEX ux_plans_one_approved ON plans (project_id) WHERE status = 'Approved';

        CREATE FUNCTION orch_plans_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'plan versions are never deleted';
            END IF;
            IF (NEW.id, NEW.project_id, NEW.version, NEW.source, NEW.requirements, NEW.summary, NEW.based_on_plan_id, NEW.estimated_cost_micros, NEW.created_at)
                IS DISTINCT FROM (OLD.id, OLD.project_id, OLD.version, OLD.source, OLD.requirements, OLD.summary, OLD.based_on_plan_id, OLD.estimated_cost_micros, OLD.created_at) THEN
                RAISE EXCEPTION 'a plan version''s content never changes';
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER plans_frozen BEFORE UPDATE OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION orch_plans_frozen();

        CREATE FUNCTION orch_plan_tasks_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'plan tasks are never deleted';
            END IF;
            IF (NEW.id, NEW.plan_id, NEW.project_id, NEW.position, NEW.key, NEW.title, NEW.description, NEW.kind, NEW.complexity, NEW.tier, NEW.tools,
                NEW.acceptance_criteria, NEW.priority, NEW.depends_on, NEW.estimated_cost_micros, NEW.timeout_seconds, NEW.max_attempts)
                IS DISTINCT FROM (OLD.id, OLD.plan_id, OLD.project_id, OLD.position, OLD.key, OLD.title, OLD.description, OLD.kind, OLD.complexity, OLD.tier, OLD.tools,
                OLD.acceptance_criteria, OLD.priority, OLD.depends_on, OLD.estimated_cost_micros, OLD.timeout_seconds, OLD.max_attempts) THEN
                RAISE EXCEPTION 'a plan task''s definition never changes';
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER plan_tasks_frozen BEFORE UPDATE OR DELETE ON plan_tasks FOR EACH ROW EXECUTE FUNCTION orch_plan_tasks_frozen();
        """;
}
