using Orch.Core.Budgets;
using static Orch.Core.Tests.StatusTransitionSamples;

namespace Orch.Core.Tests;

/// <summary>A budget reservation is settled once, by commit or release, and a refused change leaves it as it was.</summary>
public sealed class BudgetReservationTransitionTests
{
    [Fact]
    public void Commit_Fails_WhenReservationWasReleased()
    {
        var reservation = new BudgetReservation(Guid.NewGuid(), 5_000, Now, Now.AddMinutes(10));
        reservation.Release(Now.AddMinutes(1));

        var ex = Assert.Throws<InvalidTransitionException>(() => reservation.Commit(4_000, Now.AddMinutes(2)));

        Assert.Equal("Released", ex.From);
        Assert.Equal(ReservationStatus.Released, reservation.Status);
        Assert.Equal(0, reservation.SpentMicros);
        Assert.Equal(Now.AddMinutes(1), reservation.SettledAt);
    }

    [Fact]
    public void Release_Fails_WhenReservationWasCommitted()
    {
        var reservation = new BudgetReservation(Guid.NewGuid(), 5_000, Now, Now.AddMinutes(10));
        reservation.Commit(4_000, Now.AddMinutes(1));

        Assert.Throws<InvalidTransitionException>(() => reservation.Release(Now.AddMinutes(2)));

        Assert.Equal(ReservationStatus.Committed, reservation.Status);
        Assert.Equal(4_000, reservation.SpentMicros);
    }

    [Fact]
    public void Commit_Fails_WhenSpendIsNegative_AndKeepsTheReservationHeld()
    {
        var reservation = new BudgetReservation(Guid.NewGuid(), 5_000, Now, Now.AddMinutes(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => reservation.Commit(-1, Now));

        Assert.Equal(ReservationStatus.Held, reservation.Status);
        Assert.Null(reservation.SpentMicros);
    }
}
