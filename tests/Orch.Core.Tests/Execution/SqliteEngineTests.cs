using Orch.Testing;

namespace Orch.Core.Tests.Execution;

public sealed class SqliteEngineTests() : EngineContract(StoreKind.Sqlite);
