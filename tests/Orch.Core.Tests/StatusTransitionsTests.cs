using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Core.Tests;

/// <summary>
/// Every (from, to) pair of every status enum, checked against the transitions written out here
/// as the specification: a change to a table must be made in both places on purpose.
/// </summary>
public sealed class StatusTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

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

    [Fact]
    public void Project_TransitionTo_FollowsTheTable_ThroughItsLife()
    {
        var project = new Project(Guid.NewGuid(), "Report", null, null, Now);
        ProjectStatus[] path = [ProjectStatus.Approved, ProjectStatus.Draft, ProjectStatus.Approved, ProjectStatus.Running, ProjectStatus.Paused, ProjectStatus.Running, ProjectStatus.Failed, ProjectStatus.Running, ProjectStatus.Completed];

        for (var step = 0; step < path.Length; step++)
        {
            project.TransitionTo(path[step], Now.AddMinutes(step + 1));

            Assert.Equal(path[step], project.Status);
            Assert.Equal(Now.AddMinutes(step + 1), project.UpdatedAt);
        }

        Assert.Throws<InvalidTransitionException>(() => project.TransitionTo(ProjectStatus.Cancelled, Now.AddHours(1)));
        Assert.Equal(ProjectStatus.Completed, project.Status);
    }

    [Fact]
    public void Project_TransitionTo_Fails_WhenSkippingApproval_AndLeavesTheProjectUnchanged()
    {
        var project = new Project(Guid.NewGuid(), "Report", null, null, Now);

        var ex = Assert.Throws<InvalidTransitionException>(() => project.TransitionTo(ProjectStatus.Running, Now.AddHours(1)));

        Assert.Equal(project.Id.ToString(), ex.EntityId);
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Equal(Now, project.UpdatedAt);
    }

    [Fact]
    public void Approve_RecordsWhoAndWhen()
    {
        var plan = NewPlan();

        plan.Approve("ana", Now.AddMinutes(5));

        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal("ana", plan.DecidedBy);
        Assert.Equal(Now.AddMinutes(5), plan.DecidedAt);
    }

    [Fact]
    public void Approve_Fails_WhenPlanIsAlreadyApproved()
    {
        var plan = NewPlan();
        plan.Approve("ana", Now.AddMinutes(5));

        var ex = Assert.Throws<InvalidTransitionException>(() => plan.Approve("bob", Now.AddMinutes(9)));

        Assert.Equal("Approved", ex.From);
        Assert.Contains("version 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ana", plan.DecidedBy);
        Assert.Equal(Now.AddMinutes(5), plan.DecidedAt);
    }

    [Fact]
    public void Supersede_OfAnApprovedPlan_KeepsItsTasks()
    {
        var plan = NewPlan();
        plan.Approve("ana", Now);
        var tasks = plan.Tasks.Select(t => t.ToDefinition()).ToList();

        plan.Supersede(Now.AddMinutes(1));

        Assert.Equal(PlanStatus.Superseded, plan.Status);
        Assert.Equal(tasks.Select(t => (t.Key, t.Title)), plan.Tasks.Select(t => (t.Key, t.Title)));
        Assert.Throws<InvalidTransitionException>(() => plan.Approve("bob", Now.AddMinutes(2)));
    }

    [Fact]
    public void Reject_Fails_WhenPlanIsApproved()
    {
        var plan = NewPlan();
        plan.Approve("ana", Now);

        Assert.Throws<InvalidTransitionException>(() => plan.Reject("bob", Now.AddMinutes(1)));

        Assert.Equal(PlanStatus.Approved, plan.Status);
    }

    [Fact]
    public void Approve_Fails_WhenPlanIsRejectedOrSuperseded()
    {
        var rejected = NewPlan();
        rejected.Reject("bob", Now);
        var superseded = NewPlan();
        superseded.Supersede(Now);

        Assert.Throws<InvalidTransitionException>(() => rejected.Approve("ana", Now));
        Assert.Throws<InvalidTransitionException>(() => superseded.Approve("ana", Now));

        Assert.Equal(PlanStatus.Rejected, rejected.Status);
        Assert.Equal("bob", rejected.DecidedBy);
        Assert.Equal(PlanStatus.Superseded, superseded.Status);
        Assert.Null(superseded.DecidedBy);
    }

    [Fact]
    public void PlanTask_TransitionToRunning_CountsEachAttempt_AndKeepsTheFirstStart()
    {
        var task = NewPlanTask();
        task.TransitionTo(PlanTaskStatus.Ready, Now);

        task.TransitionTo(PlanTaskStatus.Running, Now.AddMinutes(1));
        task.TransitionTo(PlanTaskStatus.Ready, Now.AddMinutes(2));
        task.TransitionTo(PlanTaskStatus.Running, Now.AddMinutes(3));

        Assert.Equal(2, task.Attempts);
        Assert.Equal(Now.AddMinutes(1), task.StartedAt);
        Assert.Equal(PlanTaskStatus.Running, task.Status);
    }

    [Fact]
    public void PlanTask_TransitionTo_SetsCompletedAt_WhenItEnds_AndClearsItOnRetry()
    {
        var task = NewPlanTask();
        task.TransitionTo(PlanTaskStatus.Ready, Now);
        task.TransitionTo(PlanTaskStatus.Running, Now.AddMinutes(1));

        task.TransitionTo(PlanTaskStatus.Failed, Now.AddMinutes(2));
        Assert.Equal(Now.AddMinutes(2), task.CompletedAt);

        task.TransitionTo(PlanTaskStatus.Ready, Now.AddMinutes(3));
        Assert.Null(task.CompletedAt);
    }

    [Fact]
    public void PlanTask_TransitionTo_Fails_WhenNotReady_AndCountsNoAttempt()
    {
        var task = NewPlanTask();

        var ex = Assert.Throws<InvalidTransitionException>(() => task.TransitionTo(PlanTaskStatus.Running, Now));

        Assert.Equal("report", ex.EntityId);
        Assert.Equal(PlanTaskStatus.Pending, task.Status);
        Assert.Equal(0, task.Attempts);
        Assert.Null(task.StartedAt);
    }

    [Fact]
    public void Succeed_Fails_WhenRunHasNotStarted()
    {
        var run = new TaskRun(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Now);

        var ex = Assert.Throws<InvalidTransitionException>(() => run.Succeed("done", Now.AddMinutes(1)));

        Assert.Equal("Enqueued", ex.From);
        Assert.Equal("Succeeded", ex.To);
        Assert.Equal(RunStatus.Enqueued, run.Status);
        Assert.Null(run.Output);
        Assert.Null(run.EndedAt);
    }

    [Fact]
    public void Succeed_RecordsTheOutput_AfterStart()
    {
        var run = new TaskRun(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Now);
        run.Start("node-1", "fast", "local", "tiny", Now.AddMinutes(1));

        run.Succeed("done", Now.AddMinutes(2));

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("done", run.Output);
        Assert.Equal(Now.AddMinutes(1), run.StartedAt);
        Assert.Equal(Now.AddMinutes(2), run.EndedAt);
        Assert.Equal("node-1", run.Worker);
    }

    [Fact]
    public void Start_Fails_WhenRunIsAlreadyRunning()
    {
        var run = new TaskRun(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Now);
        run.Start("node-1", null, null, null, Now.AddMinutes(1));

        Assert.Throws<InvalidTransitionException>(() => run.Start("node-2", null, null, null, Now.AddMinutes(2)));

        Assert.Equal("node-1", run.Worker);
        Assert.Equal(Now.AddMinutes(1), run.StartedAt);
    }

    [Fact]
    public void Fail_Fails_WhenRunHasAlreadySucceeded()
    {
        var run = new TaskRun(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Now);
        run.Start("node-1", null, null, null, Now);
        run.Succeed("done", Now.AddMinutes(1));

        Assert.Throws<InvalidTransitionException>(() => run.Fail("late", null, Now.AddMinutes(2)));

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Null(run.Error);
    }

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

    private static Plan NewPlan()
    {
        var planId = Guid.NewGuid();
        return new Plan(planId, Guid.NewGuid(), 1, PlanSource.Manual, "Write a report", null, null, [Definition("report")], Guid.NewGuid, Now);
    }

    private static PlanTask NewPlanTask() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 0, Definition("report"));

    private static PlanTaskDefinition Definition(string key) =>
        new(key, $"Do {key}", string.Empty, TaskKind.Writing, TaskComplexity.Low, null, [], [], 0, [], 0);
}
