using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class PostgresStorageConstraintTests() : StorageConstraintContract(StoreKind.Postgres);
