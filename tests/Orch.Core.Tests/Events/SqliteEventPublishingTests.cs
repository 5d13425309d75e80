using Orch.Testing;

namespace Orch.Core.Tests.Events;

public sealed class SqliteEventPublishingTests() : EventPublishingContract(StoreKind.Sqlite);
