using Orch.Testing;

namespace Orch.Core.Tests.Execution;

public sealed class PostgresEngineTests() : EngineContract(StoreKind.Postgres);
