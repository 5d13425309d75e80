namespace Orch.Core.Budgets;

/// <summary>A reservation would pass a cap: names the cap, what it allows, what is spent and held, and what was asked for.</summary>
public sealed class BudgetExceededException(string cap, long capMicros, long spentMicros, long heldMicros, long neededMicros)
    : OrchException($"The {cap} cap of {Money.ToUsd(capMicros):0.######} USD would be passed: {Money.ToUsd(spentMicros):0.######} USD spent, {Money.ToUsd(heldMicros):0.######} USD held by calls under way, {Money.ToUsd(neededMicros):0.######} USD needed. Raise the cap or wait.")
{
    /// <summary><c>daily</c>, <c>monthly</c> or <c>project</c>.</summary>
    public string Cap { get; } = cap;

    public long CapMicros { get; } = capMicros;

    public long SpentMicros { get; } = spentMicros;

    public long HeldMicros { get; } = heldMicros;

    public long NeededMicros { get; } = neededMicros;
}
