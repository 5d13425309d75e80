using Orch.Testing;

namespace Orch.Core.Tests.Tools;

public sealed class SqliteKnowledgeSearchTests() : KnowledgeSearchContract(StoreKind.Sqlite);
