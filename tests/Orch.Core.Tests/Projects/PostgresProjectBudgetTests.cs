using Orch.Testing;

namespace Orch.Core.Tests.Projects;

public sealed class PostgresProjectBudgetTests() : ProjectBudgetContract(StoreKind.Postgres);
