using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class PostgresStorageRoundTripTests() : StorageRoundTripContract(StoreKind.Postgres);
