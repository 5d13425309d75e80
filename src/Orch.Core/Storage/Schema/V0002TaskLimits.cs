namespace Orch.Core.Storage.Schema;

/// <summary>Per-task time-out and attempt limits, from workflow files and plan edits.</summary>
internal static class V0002TaskLimits
{
    public const string Sqlite = """
        ALTER TABLE plan_tasks ADD COLUMN timeout_seconds INTEGER NULL;
        ALTER TABLE plan_tasks ADD COLUMN max_attempts INTEGER NULL;
        """;

    public const string Postgres = """
        ALTER TABLE plan_tasks ADD COLUMN timeout_seconds integer NULL;
        ALTER TABLE plan_tasks ADD COLUMN max_attempts integer NULL;
        """;
}
