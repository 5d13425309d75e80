using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class SqliteStorageConcurrencyTests() : StorageConcurrencyContract(StoreKind.Sqlite);
