using Orch.Testing;

namespace Orch.Core.Tests.Budgets;

public sealed class PostgresBudgetLedgerTests() : BudgetLedgerContract(StoreKind.Postgres);
