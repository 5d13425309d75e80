using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class PostgresStorageTests() : StorageContract(StoreKind.Postgres);
