using Orch.Core.Models.Offline;
using Orch.Core.Plans;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Offline;

/// <summary>
/// The offline provider plans by rules from the structure of the text. For twenty varied texts the
/// plan is a valid graph whose dependencies are the ones a person would draw.
/// </summary>
public sealed class OfflinePlannerTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    public static TheoryData<OfflinePlanCase> Cases => [.. OfflinePlanCases.All];

    [Theory]
    [InlineData("1. Research competitor pricing pages.\n2. Write a summary.", "Research competitor pricing pages.")]
    [InlineData("- Collect the logs. Then sort them.", "Collect the logs.")]
    [InlineData("Step 1: Draft the outline\nStep 2: Review it", "Draft the outline")]
    [InlineData("Translate the manual into German.", "Translate the manual into German.")]
    public void Summary_IsTheFirstItemsFirstSentence_WithoutItsListMarker(string requirements, string summary) =>
        Assert.Equal(summary, OfflinePlanner.Derive(requirements, null, []).Summary);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Derive_GivesAValidGraph_WithSensibleDependencies(OfflinePlanCase sample)
    {
        var document = OfflinePlanner.Derive(sample.Requirements, null, []);
        var validation = PlanValidator.Validate(document, 1_000);

        Assert.True(validation.IsValid, string.Join("; ", validation.Problems.Select(p => p.Message)));
        var tasks = validation.Tasks;
        Assert.Equal(sample.Tasks, tasks.Count);
        var reach = Reachability(tasks);
        foreach (var (task, waitsFor) in sample.Waits)
        {
            var (from, to) = (Find(tasks, task), Find(tasks, waitsFor));
            Assert.True(reach[from.Key].Contains(to.Key), $"'{from.Title}' should wait for '{to.Title}'. Plan: {Describe(tasks)}");
        }

        foreach (var (a, b) in sample.Parallel)
        {
            var (x, y) = (Find(tasks, a), Find(tasks, b));
            Assert.False(reach[x.Key].Contains(y.Key) || reach[y.Key].Contains(x.Key), $"'{x.Title}' and '{y.Title}' should be able to run side by side. Plan: {Describe(tasks)}");
        }
    }

    [Fact]
    public async Task PlanningService_PlansEveryCase_OnTheDefaults_AndStoresIt()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct);
        foreach (var sample in OfflinePlanCases.All)
        {
            var result = await store.Get<PlanningService>().PlanAsync(new PlanningRequest(sample.Requirements, AcceptanceCriteria: ["Everything is written in plain language"]), Ct);

            Assert.Equal(sample.Tasks, result.Plan.Tasks.Count);
            Assert.All(result.Plan.Tasks, t => Assert.NotNull(t.Tier));
            Assert.Equal("offline", Assert.Single(result.Attempts).Provider);
            // The request's own criteria land on the tasks that finish the work.
            var finals = result.Plan.Tasks.Where(t => !result.Plan.Tasks.Any(o => o.DependsOn.Contains(t.Key))).ToList();
            Assert.All(finals, t => Assert.Contains("Everything is written in plain language", t.AcceptanceCriteria));
        }
    }

    [Fact]
    public void Derive_IsDeterministic()
    {
        foreach (var sample in OfflinePlanCases.All)
        {
            Assert.Equal(
                PlanDocumentReader.Write(OfflinePlanner.Derive(sample.Requirements, "keep it short", ["one"])),
                PlanDocumentReader.Write(OfflinePlanner.Derive(sample.Requirements, "keep it short", ["one"])));
        }
    }

    private static PlanTaskDefinition Find(IReadOnlyList<PlanTaskDefinition> tasks, string titleWord)
    {
        var matches = tasks.Where(t => t.Title.Contains(titleWord, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"'{titleWord}' should name one task; it names {matches.Count}. Plan: {Describe(tasks)}");
        return matches[0];
    }

    /// <summary>For each task, every task it waits for, directly or not.</summary>
    private static Dictionary<string, HashSet<string>> Reachability(IReadOnlyList<PlanTaskDefinition> tasks)
    {
        var byKey = tasks.ToDictionary(t => t.Key);
        var reach = new Dictionary<string, HashSet<string>>();
        foreach (var task in tasks)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(task.DependsOn);
            while (stack.Count > 0)
            {
                var key = stack.Pop();
                if (seen.Add(key))
                {
                    foreach (var next in byKey[key].DependsOn)
                    {
                        stack.Push(next);
                    }
                }
            }

            reach[task.Key] = seen;
        }

        return reach;
    }

    private static string Describe(IReadOnlyList<PlanTaskDefinition> tasks) =>
        string.Join(" | ", tasks.Select(t => $"{t.Key} ← [{string.Join(",", t.DependsOn)}]"));
}
