namespace Orch.Core.Budgets;

/// <summary>Settings under <c>Orch:Budget</c>: hard caps in USD. Days and months are UTC.</summary>
public sealed class BudgetOptions
{
    public const string SectionName = "Orch:Budget";

    /// <summary>The most Orch may spend in one UTC day, over all projects.</summary>
    public decimal DailyCapUsd { get; set; } = 10m;

    /// <summary>The most Orch may spend in one UTC month, over all projects.</summary>
    public decimal MonthlyCapUsd { get; set; } = 100m;

    /// <summary>A project's cap when it was created without a budget of its own; empty for none (the daily and monthly caps still hold).</summary>
    public decimal? DefaultProjectCapUsd { get; set; }

    /// <summary>An event is appended when spend passes this share of a cap (0.1 to 1).</summary>
    public double WarningThreshold { get; set; } = 0.8;

    /// <summary>A reservation still held after this long is released by recovery: its holder died.</summary>
    public int ReservationTimeoutMinutes { get; set; } = 30;
}
