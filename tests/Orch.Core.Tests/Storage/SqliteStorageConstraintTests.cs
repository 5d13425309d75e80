using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class SqliteStorageConstraintTests() : StorageConstraintContract(StoreKind.Sqlite);
