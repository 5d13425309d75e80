using Orch.Testing;

namespace Orch.Core.Tests.Projects;

public sealed class SqliteProjectBudgetTests() : ProjectBudgetContract(StoreKind.Sqlite);
