using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Core.Tests;

/// <summary>
/// Every (from, to) pair of every status enum, checked against the transitions written out here
/// as the specification: a change to a table must be made in both places on purpose.
/// </summary>
public sealed class StatusTransitionTableTests
{
    private static readonly HashSet<(ProjectStatus, ProjectStatus)> ProjectAllowed =
    [
        (ProjectStatus.Draft, ProjectStatus.Approved),
        (ProjectStatus.Draft, ProjectStatus.Cancelled),
        (ProjectStatus.Approved, ProjectStatus.Running),
        (ProjectStatus.Approved, ProjectStatus.Draft),
        (ProjectStatus.Approved, ProjectStatus.Cancelled),
        (ProjectStatus.Running, ProjectStatus.Paused),
        (ProjectStatus.Running, ProjectStatus.Completed),
        (ProjectStatus.Running, ProjectStatus.Failed),
        (ProjectStatus.Running, ProjectStatus.Cancelled),
        (ProjectStatus.Paused, ProjectStatus.Running),
        (ProjectStatus.Paused, ProjectStatus.Cancelled),
        (ProjectStatus.Failed, ProjectStatus.Running),
        (ProjectStatus.Failed, ProjectStatus.Cancelled),
    ];

    private static readonly HashSet<(PlanStatus, PlanStatus)> PlanAllowed =
    [
        (PlanStatus.Draft, PlanStatus.Approved),
        (PlanStatus.Draft, PlanStatus.Superseded),
        (PlanStatus.Draft, PlanStatus.Rejected),
        // A newer approved version replaces it; its content stays frozen.
        (PlanStatus.Approved, PlanStatus.Superseded),
    ];

    private static readonly HashSet<(PlanTaskStatus, PlanTaskStatus)> PlanTaskAllowed =
    [
        (PlanTaskStatus.Pending, PlanTaskStatus.Ready),
        (PlanTaskStatus.Pending, PlanTaskStatus.Blocked),
        (PlanTaskStatus.Pending, PlanTaskStatus.Skipped),
        (PlanTaskStatus.Pending, PlanTaskStatus.Cancelled),
        (PlanTaskStatus.Ready, PlanTaskStatus.Running),
        (PlanTaskStatus.Ready, PlanTaskStatus.Skipped),
        (PlanTaskStatus.Ready, PlanTaskStatus.Cancelled),
        (PlanTaskStatus.Running, PlanTaskStatus.Verifying),
        (PlanTaskStatus.Running, PlanTaskStatus.Ready),
        (PlanTaskStatus.Running, PlanTaskStatus.Failed),
        (PlanTaskStatus.Running, PlanTaskStatus.Cancelled),
        (PlanTaskStatus.Running, PlanTaskStatus.BudgetExceeded),
        (PlanTaskStatus.Verifying, PlanTaskStatus.Completed),
        (PlanTaskStatus.Verifying, PlanTaskStatus.Ready),
        (PlanTaskStatus.Verifying, PlanTaskStatus.Review),
        (PlanTaskStatus.Verifying, PlanTaskStatus.Failed),
        (PlanTaskStatus.Verifying, PlanTaskStatus.Cancelled),
        (PlanTaskStatus.Review, PlanTaskStatus.Completed),
        (PlanTaskStatus.Review, PlanTaskStatus.Ready),
        (PlanTaskStatus.Review, PlanTaskStatus.Failed),
        (PlanTaskStatus.Review, PlanTaskStatus.Skipped),
        (PlanTaskStatus.Review, PlanTaskStatus.Cancelled),
        (PlanTaskStatus.Failed, PlanTaskStatus.Ready),
        (PlanTaskStatus.Failed, PlanTaskStatus.Skipped),
        (PlanTaskStatus.BudgetExceeded, PlanTaskStatus.Ready),
        (PlanTaskStatus.BudgetExceeded, PlanTaskStatus.Failed),
        (PlanTaskStatus.BudgetExceeded, PlanTaskStatus.Skipped),
        (PlanTaskStatus.Blocked, PlanTaskStatus.Pending),
        (PlanTaskStatus.Blocked, PlanTaskStatus.Skipped),
        (PlanTaskStatus.Blocked, PlanTaskStatus.Cancelled),
    ];

    private static readonly HashSet<(RunStatus, RunStatus)> RunAllowed =
    [
        (RunStatus.Enqueued, RunStatus.Running),
        (RunStatus.Enqueued, RunStatus.Cancelled),
        (RunStatus.Enqueued, RunStatus.Interrupted),
        (RunStatus.Running, RunStatus.Succeeded),
        (RunStatus.Running, RunStatus.Failed),
        (RunStatus.Running, RunStatus.Cancelled),
        (RunStatus.Running, RunStatus.Interrupted),
        (RunStatus.Running, RunStatus.BudgetExceeded),
    ];

    private static readonly HashSet<(ReservationStatus, ReservationStatus)> ReservationAllowed =
    [
        (ReservationStatus.Held, ReservationStatus.Committed),
        (ReservationStatus.Held, ReservationStatus.Released),
    ];

    public static TheoryData<ProjectStatus, ProjectStatus> ProjectPairs() => AllPairs<ProjectStatus>();

    public static TheoryData<PlanStatus, PlanStatus> PlanPairs() => AllPairs<PlanStatus>();

    public static TheoryData<PlanTaskStatus, PlanTaskStatus> PlanTaskPairs() => AllPairs<PlanTaskStatus>();

    public static TheoryData<RunStatus, RunStatus> RunPairs() => AllPairs<RunStatus>();

    public static TheoryData<ReservationStatus, ReservationStatus> ReservationPairs() => AllPairs<ReservationStatus>();

    [Theory]
    [MemberData(nameof(ProjectPairs))]
    public void Project_Ensure_FollowsTheTable(ProjectStatus from, ProjectStatus to) =>
        AssertFollowsSpecification(StatusTransitions.Project, ProjectAllowed, from, to, "project");

    [Theory]
    [MemberData(nameof(PlanPairs))]
    public void Plan_Ensure_FollowsTheTable(PlanStatus from, PlanStatus to) =>
        AssertFollowsSpecification(StatusTransitions.Plan, PlanAllowed, from, to, "plan");

    [Theory]
    [MemberData(nameof(PlanTaskPairs))]
    public void PlanTask_Ensure_FollowsTheTable(PlanTaskStatus from, PlanTaskStatus to) =>
        AssertFollowsSpecification(StatusTransitions.PlanTask, PlanTaskAllowed, from, to, "task");

    [Theory]
    [MemberData(nameof(RunPairs))]
    public void Run_Ensure_FollowsTheTable(RunStatus from, RunStatus to) =>
        AssertFollowsSpecification(StatusTransitions.Run, RunAllowed, from, to, "run");

    [Theory]
    [MemberData(nameof(ReservationPairs))]
    public void Reservation_Ensure_FollowsTheTable(ReservationStatus from, ReservationStatus to) =>
        AssertFollowsSpecification(StatusTransitions.Reservation, ReservationAllowed, from, to, "budget reservation");

    [Fact]
    public void Ensure_SaysAFinalStateIsFinal()
    {
        var ex = Assert.Throws<InvalidTransitionException>(
            () => StatusTransitions.Run.Ensure(RunStatus.Succeeded, RunStatus.Running, "r-1"));

        Assert.Equal("The run r-1 is Succeeded, a final state; it cannot become Running.", ex.Message);
    }

    [Fact]
    public void Ensure_ListsTheAllowedStates_WhenTheStateIsNotFinal()
    {
        var ex = Assert.Throws<InvalidTransitionException>(
            () => StatusTransitions.Reservation.Ensure(ReservationStatus.Held, ReservationStatus.Held, "b-7"));

        Assert.Equal("The budget reservation b-7 is Held; it can become Committed, Released, not Held.", ex.Message);
    }

    [Fact]
    public void TransitionTable_Refuses_WhenAStateIsNotListed()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TransitionTable<ReservationStatus>("thing", new()
        {
            [ReservationStatus.Held] = [ReservationStatus.Committed],
            [ReservationStatus.Committed] = [],
        }));

        Assert.Contains("Released", ex.Message, StringComparison.Ordinal);
    }

    private static TheoryData<T, T> AllPairs<T>()
        where T : struct, Enum
    {
        var data = new TheoryData<T, T>();
        foreach (var from in Enum.GetValues<T>())
        {
            foreach (var to in Enum.GetValues<T>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    private static void AssertFollowsSpecification<T>(TransitionTable<T> table, HashSet<(T, T)> allowed, T from, T to, string entity)
        where T : struct, Enum
    {
        var id = Guid.NewGuid();
        if (allowed.Contains((from, to)))
        {
            table.Ensure(from, to, id);
            Assert.True(table.IsAllowed(from, to));
            Assert.Contains(to, table.AllowedFrom(from));
            return;
        }

        var ex = Assert.Throws<InvalidTransitionException>(() => table.Ensure(from, to, id));
        Assert.False(table.IsAllowed(from, to));
        Assert.Equal(entity, ex.Entity);
        Assert.Equal(id.ToString(), ex.EntityId);
        Assert.Equal(from.ToString(), ex.From);
        Assert.Equal(to.ToString(), ex.To);
        Assert.Contains($"is {from}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{to}.", ex.Message, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(!allowed.Any(p => p.Item1.Equals(from)), table.IsFinal(from));
    }
}
