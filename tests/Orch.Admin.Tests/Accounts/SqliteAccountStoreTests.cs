using Orch.Testing;

namespace Orch.Admin.Tests.Accounts;

public sealed class SqliteAccountStoreTests() : AccountStoreContract(StoreKind.Sqlite);
