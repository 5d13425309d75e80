using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class PostgresApprovalQueueTests() : ApprovalQueueContract(StoreKind.Postgres);
