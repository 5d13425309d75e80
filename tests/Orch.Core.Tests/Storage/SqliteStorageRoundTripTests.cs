using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class SqliteStorageRoundTripTests() : StorageRoundTripContract(StoreKind.Sqlite);
