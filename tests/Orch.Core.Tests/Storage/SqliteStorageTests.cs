using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class SqliteStorageTests() : StorageContract(StoreKind.Sqlite);
