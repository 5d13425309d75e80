using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class SqlitePlanLifecycleTests() : PlanLifecycleContract(StoreKind.Sqlite);
