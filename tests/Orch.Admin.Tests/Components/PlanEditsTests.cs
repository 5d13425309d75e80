using Orch.Admin.Components.Plans;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Admin.Tests.Components;

/// <summary>
/// The plan review's edits: the grid's rows turned into the revision Core applies (only what changed), and Core's
/// problems on that revision placed back on the rows and fields they are about. Checked against Core's own preview.
/// </summary>
public sealed class PlanEditsTests
{
    // a → (b, c) → d.
    private const string Diamond = """
        {
          "tasks": [
            { "key": "a", "title": "Write part a", "kind": "writing", "complexity": "low", "tier": "small" },
            { "key": "b", "title": "Write part b", "kind": "writing", "complexity": "low", "tier": "small", "depends_on": ["a"] },
            { "key": "c", "title": "Write part c", "kind": "writing", "complexity": "low", "tier": "small", "depends_on": ["a"], "acceptance_criteria": ["Cites a source"] },
            { "key": "d", "title": "Write part d", "kind": "writing", "complexity": "low", "tier": "small", "depends_on": ["b", "c"] }
          ]
        }
        """;

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Untouched_OrOnlySpacedDifferently_IsNoRevision()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, PricedTiers.Settings());
        var (_, plan) = await DiamondAsync(store);
        var edits = new PlanEdits(plan);

        Assert.Null(edits.Revision());
        Row(edits, "b").Title = "  Write part b ";
        Row(edits, "c").AcceptanceCriteria = "\n Cites a source \n\n";
        Row(edits, "d").DependsOn = ["c", "b"];
        Row(edits, "a").Tier = "SMALL";

        Assert.Null(edits.Revision());
        Assert.False(edits.IsDirty);
    }

    [Fact]
    public async Task Revision_NamesOnlyTheChangedFields_TheRemovedTasks_AndTheAddedOnes()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, PricedTiers.Settings());
        var (_, plan) = await DiamondAsync(store);
        var edits = new PlanEdits(plan);

        Row(edits, "c").Tier = "large";
        Row(edits, "c").AcceptanceCriteria = "Cites a source\nHas a table";
        Row(edits, "d").DependsOn = ["c"];
        edits.Remove(Row(edits, "b"));
        var added = edits.Add();
        added.Title = "Check the parts";
        added.DependsOn = ["d"];

        var revision = edits.Revision()!;
        Assert.Equal(
            [
                new TaskEdit("c", Tier: "large", AcceptanceCriteria: ["Cites a source", "Has a table"]),
                new TaskEdit("d", DependsOn: ["c"]),
            ],
            revision.Edit!.Select(e => e with { AcceptanceCriteria = e.AcceptanceCriteria?.ToArray(), DependsOn = e.DependsOn?.ToArray() }),
            new EditComparer());
        Assert.Equal(["b"], revision.Remove);
        var document = Assert.Single(revision.Add!);
        // The key is free: task-4 is the fourth row's number, not taken by any task.
        Assert.Equal(("task-4", "Check the parts", "other", "medium", null), (document.Key, document.Title, document.Kind, document.Complexity, document.Tier));
        Assert.Equal(["a", "c", "d", "task-4"], edits.Rows.Select(r => r.Key));

        // Core takes it as it is.
        var planning = store.Get<PlanningService>();
        var preview = planning.Preview(await planning.ReviewAsync(plan.ProjectId, Ct), revision);
        Assert.True(preview.IsValid, string.Join("; ", preview.Validation.Problems.Select(p => p.Message)));
        Assert.Equal(["a", "c", "d", "task-4"], preview.Document.Tasks!.Select(t => t!.Key));
    }

    [Fact]
    public async Task CoresProblems_LandOnTheirRowsAndFields_FieldProblemsByPosition_GraphProblemsByKey()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, PricedTiers.Settings());
        var (project, plan) = await DiamondAsync(store);
        var planning = store.Get<PlanningService>();
        var review = await planning.ReviewAsync(project.Id, Ct);
        var edits = new PlanEdits(plan);

        // a removed: b and c wait for it. d's title blanked. Two new tasks: one with a bad key, one taking d's key.
        edits.Remove(Row(edits, "a"));
        Row(edits, "d").Title = " ";
        var bad = edits.Add();
        bad.Key = "bad key!";
        bad.Title = "New";
        var twin = edits.Add();
        twin.Key = "d";
        twin.Title = "Another d";
        var problems = edits.Problems(planning.Preview(review, edits.Revision()));

        Assert.Equal(["Task 'b' depends on 'a', which this revision removes; keep that task or drop the dependency."], problems.For("b", "depends_on"));
        Assert.Equal(["Task 'c' depends on 'a', which this revision removes; keep that task or drop the dependency."], problems.For("c", "depends_on"));
        Assert.Equal(["This field is required and must not be blank."], problems.For("d", "title"));
        Assert.Contains("may hold only letters, digits", Assert.Single(problems.For(bad.Id, "key")), StringComparison.Ordinal);
        Assert.Equal(["The key 'd' is used by more than one task."], problems.For(twin.Id, "key"));
        Assert.Equal(["The key 'd' is used by more than one task."], problems.For("d", "key"));
        Assert.Empty(problems.General);
        Assert.Contains("d · title: This field is required and must not be blank.", problems.All);
        Assert.Contains("bad key! · key: The key 'bad key!' may hold only letters, digits, '.', '_' and '-', starting with a letter or digit.", problems.All);
    }

    [Fact]
    public async Task ACycle_LandsOnEveryTaskInIt_AndTheGraphShowsTheProposalByTier()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct, PricedTiers.Settings());
        var (project, plan) = await DiamondAsync(store);
        var planning = store.Get<PlanningService>();
        var review = await planning.ReviewAsync(project.Id, Ct);
        var edits = new PlanEdits(plan);

        Row(edits, "a").DependsOn = ["d"];
        var problems = edits.Problems(planning.Preview(review, edits.Revision()));
        var message = Assert.Single(problems.All);
        foreach (var key in new[] { "a", "b", "d" })
        {
            Assert.Equal([message], problems.For(key, "depends_on"));
        }

        Row(edits, "a").DependsOn = [];
        Row(edits, "c").Tier = "large";
        var added = edits.Add();
        added.Title = "Check";
        added.Kind = "review";
        var preview = planning.Preview(review, edits.Revision());
        var graph = edits.GraphTasks(preview.Forecast);
        Assert.Equal(["small", "small", "large", "small", preview.Forecast!.Tasks.Single(t => t.Key == added.Key).Tier], graph.Select(g => g.State));
        Assert.Equal(["a", "b", "c", "d", "task-5"], graph.Select(g => g.Key));
        // Without a forecast, a new task left to the routing table is drawn as routed.
        Assert.Equal("routed", edits.GraphTasks(null)[^1].State);
    }

    private static TaskRow Row(PlanEdits edits, string key) => edits.Rows.Single(r => r.Key == key);

    private static async Task<(ProjectSummary Project, PlanView Plan)> DiamondAsync(TestStore store)
    {
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("Parts", BudgetUsd: 5m), Ct);
        return (project, await store.Get<PlanService>().CreateDraftFromJsonAsync(project.Id, "four parts", Diamond, PlanSource.Manual, Ct));
    }

    /// <summary>Edits compared by their fields, lists by their items.</summary>
    private sealed class EditComparer : IEqualityComparer<TaskEdit>
    {
        public bool Equals(TaskEdit? x, TaskEdit? y) => Describe(x) == Describe(y);

        public int GetHashCode(TaskEdit obj) => Describe(obj).GetHashCode(StringComparison.Ordinal);

        private static string Describe(TaskEdit? e) => e is null ? "null" : string.Join(
            "|",
            e.Key, e.Title, e.Description, e.Kind, e.Complexity, e.Tier,
            e.DependsOn is null ? "-" : string.Join(",", e.DependsOn),
            e.AcceptanceCriteria is null ? "-" : string.Join(",", e.AcceptanceCriteria));
    }
}
