using Orch.Core.Budgets;

namespace Orch.Core.Execution;

/// <summary>What an attempt's tool loop produced and used.</summary>
public sealed record RunResult(
    RunEnding Ending,
    string? Output,
    string? Error,
    IReadOnlyList<string> Files,
    int Rounds,
    long InputTokens,
    long OutputTokens,
    long CostMicros,
    string? Tier,
    string? Provider,
    string? Model,
    BudgetExceededException? Budget = null);
