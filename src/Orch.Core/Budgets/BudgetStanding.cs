namespace Orch.Core.Budgets;

/// <summary>Where one cap stands: its amount, what is spent, what is held by calls under way, and what is left.</summary>
public sealed record BudgetStanding(string Cap, string Scope, decimal CapUsd, decimal SpentUsd, decimal HeldUsd, decimal RemainingUsd);
