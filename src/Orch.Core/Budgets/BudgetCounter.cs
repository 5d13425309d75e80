namespace Orch.Core.Budgets;

/// <summary>
/// Running totals for one scope a cap applies to (<c>day:2026-11-22</c>, <c>month:2026-11</c>,
/// <c>project:{id}</c>): what was spent and what is held by open reservations. Updated only under
/// the ledger's lock, in the same transaction as the reservation or usage that changes it.
/// </summary>
public sealed class BudgetCounter
{
    // For EF Core.
    private BudgetCounter()
    {
        Scope = string.Empty;
    }

    public BudgetCounter(string scope)
    {
        Scope = scope;
    }

    public string Scope { get; private set; }

    public long SpentMicros { get; private set; }

    public long HeldMicros { get; private set; }

    public long RowVersion { get; private set; }

    internal void Hold(long micros) => HeldMicros += micros;

    internal void Settle(long heldMicros, long spentMicros)
    {
        HeldMicros = Math.Max(0, HeldMicros - heldMicros);
        SpentMicros += spentMicros;
    }
}
