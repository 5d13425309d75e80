using Orch.Testing;

namespace Orch.Core.Tests.Events;

public sealed class PostgresEventPublishingTests() : EventPublishingContract(StoreKind.Postgres);
