using Orch.Core.Plans;
using Orch.Core.Projects;
using static Orch.Core.Tests.StatusTransitionSamples;

namespace Orch.Core.Tests;

/// <summary>Projects and plans change state only through their own methods, and a refused change leaves them as they were.</summary>
public sealed class ProjectAndPlanTransitionTests
{
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
}
