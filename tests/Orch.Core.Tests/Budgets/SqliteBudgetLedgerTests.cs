using Orch.Testing;

namespace Orch.Core.Tests.Budgets;

public sealed class SqliteBudgetLedgerTests() : BudgetLedgerContract(StoreKind.Sqlite);
