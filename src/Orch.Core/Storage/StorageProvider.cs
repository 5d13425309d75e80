namespace Orch.Core.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
