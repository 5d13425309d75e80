using Orch.Core.Execution;
using Orch.Core.Plans;
using static Orch.Core.Tests.StatusTransitionSamples;

namespace Orch.Core.Tests;

/// <summary>Plan tasks and their runs: attempts, start and end times, and refused changes that leave them as they were.</summary>
public sealed class PlanTaskAndRunTransitionTests
{
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
}
