using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class PostgresPlanServiceTests() : PlanServiceContract(StoreKind.Postgres);
