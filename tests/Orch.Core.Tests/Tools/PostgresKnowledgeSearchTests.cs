using Orch.Testing;

namespace Orch.Core.Tests.Tools;

public sealed class PostgresKnowledgeSearchTests() : KnowledgeSearchContract(StoreKind.Postgres);
