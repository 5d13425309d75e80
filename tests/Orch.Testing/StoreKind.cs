namespace Orch.Testing;

public enum StoreKind
{
    Sqlite,
    Postgres,
}
