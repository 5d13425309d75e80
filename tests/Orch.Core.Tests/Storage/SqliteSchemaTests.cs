using Orch.Testing;

namespace Orch.Core.Tests.Storage;

public sealed class SqliteSchemaTests() : SchemaContract(StoreKind.Sqlite);
