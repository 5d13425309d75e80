using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class PostgresPlanLifecycleTests() : PlanLifecycleContract(StoreKind.Postgres);
