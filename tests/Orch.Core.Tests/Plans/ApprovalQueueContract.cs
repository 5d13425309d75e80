using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Plans;

/// <summary>The plans waiting for a person: each project's newest version while it is a draft, and nothing else, on both providers.</summary>
public abstract class ApprovalQueueContract(StoreKind kind)
{
    private const string TwoTasks = """{"summary":"Collect, then write","tasks":[{"key":"collect","title":"Collect","kind":"data"},{"key":"write","title":"Write","depends_on":["collect"]}]}""";

    private const string OneTask = """{"tasks":[{"key":"write","title":"Write"}]}""";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Read_ListsOnlyEachProjectsNewestDraft_WithItsSizeForecastAndBudget_LongestWaitingFirst()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, PricedTiers.Settings());
        var projects = store.Get<ProjectService>();
        var plans = store.Get<PlanService>();

        // Revised twice: only version 3 waits.
        var revised = await projects.CreateAsync(new NewProject("Revised", BudgetUsd: 2m), Ct);
        await plans.CreateDraftFromJsonAsync(revised.Id, "r", OneTask, PlanSource.Manual, Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await plans.CreateDraftFromJsonAsync(revised.Id, "r", OneTask, PlanSource.Manual, Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        var v3 = await plans.CreateDraftFromJsonAsync(revised.Id, "r", TwoTasks, PlanSource.Model, Ct);
        var ledger = store.Get<BudgetLedger>();
        var hold = await ledger.ReserveAsync(500_000, revised.Id, null, Ct);
        await ledger.CommitAsync(hold.Id, new UsageRecord(Guid.NewGuid(), UsagePurpose.Planning, "offline", "offline-rules", "small", 10, 10, 500_000, 1, store.Clock.GetUtcNow(), revised.Id));

        // Approved: waits for nobody. Approved and then revised: the revision waits.
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        var approved = await projects.CreateAsync(new NewProject("Approved"), Ct);
        await plans.ApproveAsync((await plans.CreateDraftFromJsonAsync(approved.Id, "a", OneTask, PlanSource.Manual, Ct)).Id, "ana", Ct);
        var again = await projects.CreateAsync(new NewProject("Approved, then revised"), Ct);
        await plans.ApproveAsync((await plans.CreateDraftFromJsonAsync(again.Id, "a", OneTask, PlanSource.Manual, Ct)).Id, "ana", Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        var revision = await plans.CreateDraftFromJsonAsync(again.Id, "a", TwoTasks, PlanSource.Manual, Ct);

        // Rejected: waits for nobody either; nor does a project without a plan.
        var rejected = await projects.CreateAsync(new NewProject("Rejected"), Ct);
        await plans.RejectAsync((await plans.CreateDraftFromJsonAsync(rejected.Id, "a", OneTask, PlanSource.Manual, Ct)).Id, "ana", "no", Ct);
        await projects.CreateAsync(new NewProject("Empty"), Ct);

        var queue = await store.Get<ApprovalQueueReader>().ReadAsync(Ct);

        Assert.Equal([v3.Id, revision.Id], queue.Select(q => q.PlanId));
        var first = queue[0];
        Assert.Equal((revised.Id, "Revised", 3, PlanSource.Model, "Collect, then write", 2), (first.ProjectId, first.ProjectName, first.Version, first.Source, first.Summary, first.TaskCount));
        Assert.Equal(v3.EstimatedCostUsd, first.ExpectedUsd);
        Assert.True(first.ExpectedUsd > 0);
        Assert.Equal((2m, 0.5m, 1.5m), (first.BudgetUsd, first.SpentUsd, first.RemainingUsd));
        Assert.True(first.FitsBudget);
        Assert.Equal(v3.CreatedAt, first.CreatedAt);
        var second = queue[1];
        Assert.Equal(("Approved, then revised", 2, 2, (decimal?)null, (decimal?)null, true), (second.ProjectName, second.Version, second.TaskCount, second.BudgetUsd, second.RemainingUsd, second.FitsBudget));
    }

    [Fact]
    public async Task Read_SkipsAnOlderVersion_EvenWhenItsRowStillSaysDraft()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Report"), Ct);
        var plans = store.Get<PlanService>();
        var v1 = await plans.CreateDraftFromJsonAsync(project.Id, "r", OneTask, PlanSource.Manual, Ct);
        var v2 = await plans.CreateDraftFromJsonAsync(project.Id, "r", TwoTasks, PlanSource.Manual, Ct);
        await using (var db = store.Db())
        {
            // A row left behind as a draft (a store written by an older Orch): version 2 replaced it all the same.
            await db.Plans.Where(p => p.Id == v1.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlanStatus.Draft), Ct);
        }

        var waiting = Assert.Single(await store.Get<ApprovalQueueReader>().ReadAsync(Ct));

        Assert.Equal(v2.Id, waiting.PlanId);
    }

    [Fact]
    public async Task Read_SaysWhenTheForecastDoesNotFitWhatIsLeft()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, PricedTiers.Settings());
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Tight", BudgetUsd: 0.000001m), Ct);
        var plan = await store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "r", TwoTasks, PlanSource.Manual, Ct);

        var waiting = Assert.Single(await store.Get<ApprovalQueueReader>().ReadAsync(Ct));

        Assert.Equal(plan.EstimatedCostUsd, waiting.ExpectedUsd);
        Assert.True(waiting.ExpectedUsd > waiting.RemainingUsd, $"{waiting.ExpectedUsd} should exceed {waiting.RemainingUsd}");
        Assert.False(waiting.FitsBudget);
    }
}
