using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class PostgresSchemaTests() : SchemaContract(StoreKind.Postgres);
