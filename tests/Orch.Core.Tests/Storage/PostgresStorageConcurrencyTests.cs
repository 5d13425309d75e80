using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class PostgresStorageConcurrencyTests() : StorageConcurrencyContract(StoreKind.Postgres);
