using Orch.Testing;

namespace Orch.Admin.Tests.Accounts;

public sealed class PostgresAccountStoreTests() : AccountStoreContract(StoreKind.Postgres);
