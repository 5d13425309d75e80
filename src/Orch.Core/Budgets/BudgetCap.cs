namespace Orch.Core.Budgets;

/// <summary>One cap in force for a call: its name (<c>daily</c>, <c>monthly</c>, <c>project</c>), its scope and its amount.</summary>
public sealed record BudgetCap(string Name, string Scope, long CapMicros);
