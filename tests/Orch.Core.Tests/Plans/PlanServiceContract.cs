using Microsoft.EntityFrameworkCore;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Plans;

/// <summary>Drafting and deciding on plans through the application API, on both providers. Refusals write nothing.</summary>
public abstract class PlanServiceContract(StoreKind kind)
{
    private const string TwoTasks = """
        {
          "summary": "Collect, then write",
          "tasks": [
            { "key": "collect", "title": "Collect the figures", "kind": "data", "complexity": "low", "estimated_cost_usd": 0.02 },
            { "key": "write", "title": "Write the report", "kind": "writing", "depends_on": ["collect"], "acceptance_criteria": ["Two pages"], "estimated_cost_usd": 0.5 }
          ]
        }
        """;

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task CreateDraft_StoresVersionOne_WithTasksLevelsAndEvents()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Report", BudgetUsd: 5m), Ct);

        var plan = await store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "A two-page report", TwoTasks, PlanSource.Manual, Ct);

        Assert.Equal((1, PlanStatus.Draft), (plan.Version, plan.Status));
        // Tiers come from the routing table; costs are Orch's own estimates on them, not the plan's guesses.
        Assert.Equal(["local", "small"], plan.Tasks.Select(t => t.Tier));
        Assert.Equal(plan.Tasks.Sum(t => t.EstimatedCostUsd), plan.EstimatedCostUsd);
        Assert.DoesNotContain(plan.Tasks, t => t.EstimatedCostUsd is 0.02m or 0.5m);
        Assert.Equal(["collect", "write"], plan.Tasks.Select(t => t.Key));
        Assert.Equal([["collect"], ["write"]], plan.Levels.Select(l => l.ToArray()));
        Assert.Equal(["collect", "write"], plan.CriticalPath);
        var reloaded = await store.Get<PlanService>().GetAsync(plan.Id, Ct);
        Assert.Equal(plan.Tasks.Select(t => (t.Key, t.Kind, t.Complexity, t.EstimatedCostUsd)), reloaded.Tasks.Select(t => (t.Key, t.Kind, t.Complexity, t.EstimatedCostUsd)));
        await using var db = store.Db();
        Assert.Equal(["project.created", "plan.drafted"], await db.Events.OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync(Ct));
    }

    [Fact]
    public async Task Approve_MakesTheVersionImmutable_ARevisionIsANewVersion()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var plans = store.Get<PlanService>();
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Report"), Ct);
        var v1 = await plans.CreateDraftFromJsonAsync(project.Id, "report", TwoTasks, PlanSource.Manual, Ct);

        var approved = await plans.ApproveAsync(v1.Id, "ana", Ct);
        Assert.Equal((PlanStatus.Approved, "ana"), (approved.Status, approved.DecidedBy));
        Assert.Equal(ProjectStatus.Approved, (await store.Get<ProjectService>().GetAsync(project.Id, Ct)).Status);

        var v2 = await plans.CreateDraftFromJsonAsync(project.Id, "report, shorter", """{"tasks":[{"key":"write","title":"Write one page"}]}""", PlanSource.Manual, Ct);
        Assert.Equal(2, v2.Version);
        var v1Again = await plans.GetAsync(v1.Id, Ct);
        Assert.Equal(PlanStatus.Approved, v1Again.Status);
        Assert.Equal(v1.Tasks.Select(t => (t.Key, t.Title)), v1Again.Tasks.Select(t => (t.Key, t.Title)));
        Assert.Equal(ProjectStatus.Draft, (await store.Get<ProjectService>().GetAsync(project.Id, Ct)).Status);
    }

    [Fact]
    public async Task NewDraft_SupersedesTheOlderDraft_WhichCanThenNotBeApproved()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var plans = store.Get<PlanService>();
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Report"), Ct);
        var v1 = await plans.CreateDraftFromJsonAsync(project.Id, "report", TwoTasks, PlanSource.Manual, Ct);
        await plans.CreateDraftFromJsonAsync(project.Id, "report", TwoTasks, PlanSource.Manual, Ct);

        Assert.Equal(PlanStatus.Superseded, (await plans.GetAsync(v1.Id, Ct)).Status);
        var before = await store.SnapshotAsync(Ct);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => plans.ApproveAsync(v1.Id, "ana", Ct));
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task Approve_Twice_IsRefused_AndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var plans = store.Get<PlanService>();
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Report"), Ct);
        var plan = await plans.CreateDraftFromJsonAsync(project.Id, "report", TwoTasks, PlanSource.Manual, Ct);
        await plans.ApproveAsync(plan.Id, "ana", Ct);
        var before = await store.SnapshotAsync(Ct);

        var error = await Assert.ThrowsAsync<InvalidTransitionException>(() => plans.ApproveAsync(plan.Id, "bob", Ct));

        Assert.Contains("Approved", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
        Assert.Equal("ana", (await plans.GetAsync(plan.Id, Ct)).DecidedBy);
    }

    [Fact]
    public async Task CyclicPlan_IsRefusedNamingTheCycle_AndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Loop"), Ct);
        var before = await store.SnapshotAsync(Ct);
        const string cyclic = """
            {"tasks":[
              {"key":"design","title":"Design","depends_on":["review"]},
              {"key":"build","title":"Build","depends_on":["design"]},
              {"key":"review","title":"Review","depends_on":["build"]}
            ]}
            """;

        var error = await Assert.ThrowsAsync<PlanValidationException>(() =>
            store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "loop", cyclic, PlanSource.Manual, Ct));

        var cycle = Assert.Single(error.Problems, p => p.Code == "cycle");
        Assert.Equal(["design", "review", "build", "design"], cycle.Keys);
        Assert.Contains("design → review → build → design", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task MalformedJson_IsRefusedWithItsPosition_AndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Broken"), Ct);
        var before = await store.SnapshotAsync(Ct);

        var error = await Assert.ThrowsAsync<PlanFormatException>(() =>
            store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "broken", "{\n  \"tasks\": [\n    { \"key\": \"a\" \"title\": \"A\" }\n  ]\n}", PlanSource.Manual, Ct));

        Assert.Equal((3L, 18L), (error.Line, error.Column));
        Assert.Contains("line 3, column 18", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\0input")]
    public async Task BadRequirements_AreRefused_AndWriteNothing(string requirements)
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Empty"), Ct);
        var before = await store.SnapshotAsync(Ct);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, requirements, TwoTasks, PlanSource.Manual, Ct));

        Assert.Equal("requirements", error.Field);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task UnknownProject_IsRefused_AndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var before = await store.SnapshotAsync(Ct);
        var missing = Guid.CreateVersion7();

        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            store.Get<PlanService>().CreateDraftFromJsonAsync(missing, "report", TwoTasks, PlanSource.Manual, Ct));

        Assert.Contains(missing.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Fact]
    public async Task PlanOverTheConfiguredCap_IsRefused_AndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync(kind, Ct, new Dictionary<string, string?> { ["Orch:Plans:MaxTasks"] = "1" });
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Big"), Ct);
        var before = await store.SnapshotAsync(Ct);

        var error = await Assert.ThrowsAsync<PlanValidationException>(() =>
            store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "big", TwoTasks, PlanSource.Manual, Ct));

        Assert.Equal("too_many_tasks", Assert.Single(error.Problems).Code);
        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("ok", -1.0)]
    [InlineData("ok", 0.0)]
    [InlineData("ok", 2_000_000.0)]
    public async Task CreateProject_WithBadInput_IsRefused_AndWritesNothing(string name, double? budget)
    {
        await using var store = await TestStore.CreateAsync(kind, Ct);
        var before = await store.SnapshotAsync(Ct);

        await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.Get<ProjectService>().CreateAsync(new NewProject(name, BudgetUsd: (decimal?)budget), Ct));

        Assert.Equal(before, await store.SnapshotAsync(Ct));
    }
}
