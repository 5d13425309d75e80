using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class SqliteApprovalQueueTests() : ApprovalQueueContract(StoreKind.Sqlite);
