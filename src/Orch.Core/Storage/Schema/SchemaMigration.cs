namespace Orch.Core.Storage.Schema;

/// <summary>One step of the schema, written for each provider (empty where a provider needs nothing). Applied once, in order, inside a transaction.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sqlite, string Postgres)
{
    public string ScriptFor(StorageProvider provider) => provider == StorageProvider.Sqlite ? Sqlite : Postgres;
}
