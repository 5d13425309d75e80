using Microsoft.EntityFrameworkCore;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Plans;

/// <summary>Approval freezes a version; one version at a time is the approved one; races conflict. Both providers.</summary>
public abstract class PlanLifecycleContract(StoreKind kind)
{
    private const string Plan = """{"tasks":[{"key":"a","title":"A"},{"key":"b","title":"B","depends_on":["a"],"tools":["read_file"]}]}""";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task ApprovedPlan_CannotBeChangedThroughTheModel_AndNothingIsWritten()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var approved = await ApprovedPlanAsync(store);
        var before = await store.SnapshotAsync(Ct);

        await using (var db = store.Db())
        {
            // Bulk statements bypass the model: the database's triggers refuse them.
            await Assert.ThrowsAnyAsync<Exception>(() => db.PlanTasks.Where(t => t.PlanId == approved.Id).ExecuteDeleteAsync(Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.PlanTasks.Where(t => t.PlanId == approved.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, "forged"), Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Plans.Where(p => p.Id == approved.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Requirements, "forged"), Ct));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Plans.Where(p => p.Id == approved.Id).ExecuteDeleteAsync(Ct));
        }

        await using (var db = store.Db())
        {
            var plan = await db.Plans.Include(p => p.Tasks).SingleAsync(p => p.Id == approved.Id, Ct);
            db.Entry(plan.Tasks[1]).Property<List<string>>("dependsOn").CurrentValue = [];
            Assert.Contains("DependsOn".ToLowerInvariant(), (await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct))).Message.ToLowerInvariant(), StringComparison.Ordinal);
        }

        await using (var db = store.Db())
        {
            var plan = await db.Plans.SingleAsync(p => p.Id == approved.Id, Ct);
            db.Entry(plan).Property(p => p.Requirements).CurrentValue = "something else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var db = store.Db())
        {
            var plan = await db.Plans.Include(p => p.Tasks).SingleAsync(p => p.Id == approved.Id, Ct);
            db.PlanTasks.Remove(plan.Tasks[0]);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var db = store.Db())
        {
            var plan = await db.Plans.Include(p => p.Tasks).SingleAsync(p => p.Id == approved.Id, Ct);
            var extra = (PlanTask)Activator.CreateInstance(typeof(PlanTask), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null,
                [Guid.CreateVersion7(), plan.Id, plan.ProjectId, 9, new PlanTaskDefinition("c", "C", string.Empty, TaskKind.Other, TaskComplexity.Low, null, [], [], 0, [], 0)], null)!;
            db.PlanTasks.Add(extra);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task ApprovingANewerVersion_SupersedesTheOlder_WhoseContentStays()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var plans = store.Get<PlanService>();
        var v1 = await ApprovedPlanAsync(store);
        var v2 = await plans.CreateDraftFromJsonAsync(v1.ProjectId, "shorter", """{"tasks":[{"key":"a","title":"Only A"}]}""", PlanSource.Manual, Ct);

        await plans.ApproveAsync(v2.Id, "ana", Ct);

        var old = await plans.GetAsync(v1.Id, Ct);
        Assert.Equal(PlanStatus.Superseded, old.Status);
        Assert.Equal(v1.Tasks.Select(t => (t.Key, t.Title, t.DependsOn.Count)), old.Tasks.Select(t => (t.Key, t.Title, t.DependsOn.Count)));
        Assert.Equal(PlanStatus.Approved, (await plans.GetAsync(v2.Id, Ct)).Status);
        Assert.Equal(ProjectStatus.Approved, (await store.Get<ProjectService>().GetAsync(v1.ProjectId, Ct)).Status);
    }

    [Fact]
    public async Task RejectingANewerDraft_LeavesTheApprovedVersionInForce()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var plans = store.Get<PlanService>();
        var v1 = await ApprovedPlanAsync(store);
        var v2 = await plans.CreateDraftFromJsonAsync(v1.ProjectId, "again", Plan, PlanSource.Manual, Ct);
        Assert.Equal(ProjectStatus.Draft, (await store.Get<ProjectService>().GetAsync(v1.ProjectId, Ct)).Status);

        await plans.RejectAsync(v2.Id, "ana", "not needed", Ct);

        Assert.Equal(ProjectStatus.Approved, (await store.Get<ProjectService>().GetAsync(v1.ProjectId, Ct)).Status);
        Assert.Equal(PlanStatus.Approved, (await plans.GetAsync(v1.Id, Ct)).Status);
        Assert.Equal(PlanStatus.Rejected, (await plans.GetAsync(v2.Id, Ct)).Status);
    }

    [Fact]
    public async Task Database_RefusesASecondApprovedVersion()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var v1 = await ApprovedPlanAsync(store);
        var v2 = await store.Get<PlanService>().CreateDraftFromJsonAsync(v1.ProjectId, "again", Plan, PlanSource.Manual, Ct);
        await using var db = store.Db();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Plans.Where(p => p.Id == v2.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlanStatus.Approved), Ct));
    }

    [Fact]
    public async Task DraftingAndApprovingAtOnce_NeverLeaveAnUnapprovableNewerDraftBehindAnApprovedProject()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var plans = store.Get<PlanService>();
        for (var round = 0; round < 10; round++)
        {
            var project = await store.Get<ProjectService>().CreateAsync(new NewProject($"Race {round}"), Ct);
            var v1 = await plans.CreateDraftFromJsonAsync(project.Id, "first", Plan, PlanSource.Manual, Ct);

            await Task.WhenAll(
                Swallow(plans.ApproveAsync(v1.Id, "ana", Ct)),
                Swallow(plans.CreateDraftFromJsonAsync(project.Id, "second", Plan, PlanSource.Manual, Ct)));

            var status = (await store.Get<ProjectService>().GetAsync(project.Id, Ct)).Status;
            var latest = (await plans.GetLatestAsync(project.Id, Ct))!;
            // Either the approval won (and a later draft put the project back to Draft), or the draft won.
            Assert.False(status == ProjectStatus.Approved && latest.Status == PlanStatus.Draft, $"round {round}: project approved while its newest version is a draft");
        }
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (OrchException)
        {
            // The loser of the race is refused with a conflict or a transition error; that is the point.
        }
    }

    private static async Task<PlanView> ApprovedPlanAsync(TestStore store)
    {
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Frozen"), Ct);
        var plan = await store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "two steps", Plan, PlanSource.Manual, Ct);
        return await store.Get<PlanService>().ApproveAsync(plan.Id, "ana", Ct);
    }
}
