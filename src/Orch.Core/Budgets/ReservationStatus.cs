namespace Orch.Core.Budgets;

/// <summary>A reservation holds money against the caps until the call's actual cost is known.</summary>
public enum ReservationStatus
{
    Held,

    /// <summary>The actual cost was charged; the rest went back.</summary>
    Committed,

    /// <summary>Nothing was spent (the call failed or never happened); all of it went back.</summary>
    Released,
}
