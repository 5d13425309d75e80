using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class SqlitePlanServiceTests() : PlanServiceContract(StoreKind.Sqlite);
