namespace Orch.Core.Budgets;

/// <summary>One group of model calls: its name (a day, a model, a tier, a project), how many, their tokens and cost.</summary>
public sealed record UsageLine(string Name, long Calls, long InputTokens, long OutputTokens, decimal CostUsd);
