namespace Orch.Core.Budgets;

/// <summary>
/// Money held against the caps before a model call, at the call's worst-case cost. After the
/// call the actual cost is committed and the rest released, so held plus spent never passes a cap.
/// </summary>
public sealed class BudgetReservation
{
    // For EF Core.
    private BudgetReservation()
    {
        DayScope = MonthScope = string.Empty;
    }

    public BudgetReservation(Guid id, long amountMicros, DateTimeOffset now, DateTimeOffset expiresAt, Guid? projectId = null, Guid? taskRunId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMicros);
        Id = id;
        AmountMicros = amountMicros;
        CreatedAt = now;
        ExpiresAt = expiresAt;
        ProjectId = projectId;
        TaskRunId = taskRunId;
        Status = ReservationStatus.Held;
        DayScope = BudgetScopes.Day(now);
        MonthScope = BudgetScopes.Month(now);
    }

    public Guid Id { get; private set; }

    public Guid? ProjectId { get; private set; }

    public Guid? TaskRunId { get; private set; }

    public long AmountMicros { get; private set; }

    /// <summary>The day and month the money is held against, and later spent in.</summary>
    public string DayScope { get; private set; }

    public string MonthScope { get; private set; }

    /// <summary>What was actually spent; set on commit.</summary>
    public long? SpentMicros { get; private set; }

    public ReservationStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A held reservation older than this is released by recovery: its holder died.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    public long RowVersion { get; private set; }

    /// <summary>Charges the actual cost. It may exceed the amount held when a provider over-reports; the cap check comes before the call.</summary>
    public void Commit(long spentMicros, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spentMicros);
        StatusTransitions.Reservation.Ensure(Status, ReservationStatus.Committed, Id);
        Status = ReservationStatus.Committed;
        SpentMicros = spentMicros;
        SettledAt = now;
    }

    public void Release(DateTimeOffset now)
    {
        StatusTransitions.Reservation.Ensure(Status, ReservationStatus.Released, Id);
        Status = ReservationStatus.Released;
        SpentMicros = 0;
        SettledAt = now;
    }
}
