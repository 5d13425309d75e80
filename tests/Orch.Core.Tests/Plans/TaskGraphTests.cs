using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

public sealed class TaskGraphTests
{
    private const int Cap = 1_000;

    [Fact]
    public void Analyze_ReportsEmpty_WhenThereAreNoTasks()
    {
        var analysis = TaskGraph.Analyze([], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.Empty, problem.Kind);
        Assert.Empty(problem.Keys);
        Assert.Contains("no tasks", problem.Message, StringComparison.Ordinal);
        Assert.False(analysis.IsValid);
        Assert.Empty(analysis.Order);
        Assert.Empty(analysis.Levels);
    }

    [Fact]
    public void Analyze_ReportsTooManyTasks_AndNothingElse_WhenOverTheCap()
    {
        // Over the cap the graph is not examined, so the cycle here goes unreported.
        var analysis = TaskGraph.Analyze([Node("a", "b"), Node("b", "a"), Node("c")], maxTasks: 2);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.TooManyTasks, problem.Kind);
        Assert.Empty(problem.Keys);
        Assert.Contains("3 tasks", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AcceptsExactlyTheCap()
    {
        var analysis = TaskGraph.Analyze([Node("a"), Node("b", "a")], maxTasks: 2);

        Assert.True(analysis.IsValid);
        Assert.Equal(["a", "b"], analysis.Order);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Analyze_ReportsMissingKey_WithTheTaskPosition(string? key)
    {
        var analysis = TaskGraph.Analyze([Node("a"), new GraphNode(key!, []), Node("c", "a")], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.MissingKey, problem.Kind);
        Assert.Empty(problem.Keys);
        Assert.Contains("#2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ReportsDuplicateKey_OnceEvenWhenUsedThreeTimes()
    {
        var analysis = TaskGraph.Analyze([Node("a"), Node("build"), Node("build"), Node("build", "a")], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.DuplicateKey, problem.Kind);
        Assert.Equal(["build"], problem.Keys);
        Assert.Contains("'build'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ReportsSelfDependency()
    {
        var analysis = TaskGraph.Analyze([Node("a"), Node("lint", "a", "lint")], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.SelfDependency, problem.Kind);
        Assert.Equal(["lint"], problem.Keys);
        Assert.Contains("'lint'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ReportsUnknownDependency_NamingTheTaskAndEveryMissingKey()
    {
        var analysis = TaskGraph.Analyze([Node("a"), Node("deploy", "a", "build", "test")], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.UnknownDependency, problem.Kind);
        Assert.Equal(["deploy", "build", "test"], problem.Keys);
        Assert.Contains("'deploy'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'build'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'test'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ReportsNullDependency_AsUnknown()
    {
        var analysis = TaskGraph.Analyze([Node("a"), new GraphNode("b", ["a", null!])], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.UnknownDependency, problem.Kind);
        Assert.Equal("b", problem.Keys[0]);
    }

    [Fact]
    public void Analyze_ReportsCycle_AsAPathAlongDependsOnEdges()
    {
        GraphNode[] nodes = [Node("start"), Node("a", "start", "b"), Node("b", "c"), Node("c", "a")];

        var analysis = TaskGraph.Analyze(nodes, Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.Cycle, problem.Kind);
        AssertIsCycle(nodes, problem.Keys);
        Assert.Equal(["a", "b", "c"], problem.Keys.Skip(1).Order(StringComparer.Ordinal));
        Assert.Contains(string.Join(" → ", problem.Keys), problem.Message, StringComparison.Ordinal);
        Assert.Empty(analysis.Order);
        Assert.Empty(analysis.CriticalPath);
    }

    [Fact]
    public void Analyze_ReportsTwoTaskCycle()
    {
        GraphNode[] nodes = [Node("a", "b"), Node("b", "a")];

        var problem = Assert.Single(TaskGraph.Analyze(nodes, Cap).Problems);

        Assert.Equal(GraphProblemKind.Cycle, problem.Kind);
        AssertIsCycle(nodes, problem.Keys);
        Assert.Equal(3, problem.Keys.Count);
    }

    [Fact]
    public void Analyze_ReportsEveryProblem_WhenOneGraphHasSeveral()
    {
        GraphNode[] nodes =
        [
            Node("a", "b"),
            Node("b", "c"),
            Node("c", "a"),
            Node("dup"),
            Node("dup"),
            Node("d", "ghost"),
        ];

        var analysis = TaskGraph.Analyze(nodes, Cap);

        Assert.Equal(
            [GraphProblemKind.DuplicateKey, GraphProblemKind.UnknownDependency, GraphProblemKind.Cycle],
            analysis.Problems.Select(p => p.Kind).Order());
        Assert.Equal(["dup"], analysis.Problems.Single(p => p.Kind == GraphProblemKind.DuplicateKey).Keys);
        Assert.Equal(["d", "ghost"], analysis.Problems.Single(p => p.Kind == GraphProblemKind.UnknownDependency).Keys);
        AssertIsCycle(nodes, analysis.Problems.Single(p => p.Kind == GraphProblemKind.Cycle).Keys);
    }

    [Fact]
    public void Analyze_ReportsBothCycles_WhenTwoAreDisjoint()
    {
        GraphNode[] nodes =
        [
            Node("a", "b"),
            Node("b", "a"),
            Node("free"),
            Node("x", "y", "free"),
            Node("y", "z"),
            Node("z", "x"),
        ];

        var analysis = TaskGraph.Analyze(nodes, Cap);

        Assert.All(analysis.Problems, p => Assert.Equal(GraphProblemKind.Cycle, p.Kind));
        Assert.Equal(2, analysis.Problems.Count);
        foreach (var problem in analysis.Problems)
        {
            AssertIsCycle(nodes, problem.Keys);
        }

        var members = analysis.Problems
            .Select(p => string.Join(",", p.Keys.Skip(1).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["a,b", "x,y,z"], members);
    }

    [Fact]
    public void Analyze_DoesNotReportTasksDownstreamOrUpstreamOfACycle_AsCycles()
    {
        GraphNode[] nodes =
        [
            Node("root"),
            Node("a", "b", "root"),
            Node("b", "a"),
            Node("after", "a"),
            Node("after2", "after", "b"),
        ];

        var analysis = TaskGraph.Analyze(nodes, Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.Cycle, problem.Kind);
        AssertIsCycle(nodes, problem.Keys);
        Assert.Equal(["a", "b"], problem.Keys.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyze_CountsADuplicateDependencyOnce()
    {
        var analysis = TaskGraph.Analyze([Node("a", [], weight: 2), Node("b", ["a", "a", "a"], weight: 3)], Cap);

        Assert.True(analysis.IsValid);
        Assert.Equal(["a", "b"], analysis.Order);
        Assert.Equal([["a"], ["b"]], analysis.Levels);
        Assert.Equal(["a", "b"], analysis.CriticalPath);
        Assert.Equal(5, analysis.CriticalPathWeight);
    }

    [Fact]
    public void Analyze_CountsADuplicateDependencyOnce_InsideACycle()
    {
        GraphNode[] nodes = [Node("a", "b", "b"), Node("b", "a", "a")];

        var problem = Assert.Single(TaskGraph.Analyze(nodes, Cap).Problems);

        Assert.Equal(GraphProblemKind.Cycle, problem.Kind);
        AssertIsCycle(nodes, problem.Keys);
        Assert.Equal(3, problem.Keys.Count);
    }

    [Fact]
    public void Analyze_ReportsASelfDependencyOnce_WhenItIsNamedTwice()
    {
        var analysis = TaskGraph.Analyze([Node("a", "a", "a")], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.SelfDependency, problem.Kind);
    }

    [Fact]
    public void Analyze_NamesAnUnknownDependencyOnce_WhenItIsNamedTwice()
    {
        var analysis = TaskGraph.Analyze([Node("a", "ghost", "ghost")], Cap);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(["a", "ghost"], problem.Keys);
    }

    [Fact]
    public void Analyze_OrdersADiamond()
    {
        var analysis = TaskGraph.Analyze([Node("d", "b", "c"), Node("c", "a"), Node("b", "a"), Node("a")], Cap);

        Assert.True(analysis.IsValid);
        AssertOrderRespectsEdges(analysis.Order, [("b", "d"), ("c", "d"), ("a", "b"), ("a", "c")]);
        Assert.Equal([["a"], ["c", "b"], ["d"]], analysis.Levels);
        Assert.Equal(3, analysis.CriticalPathWeight);
        Assert.Equal("a", analysis.CriticalPath[0]);
        Assert.Equal("d", analysis.CriticalPath[^1]);
        Assert.Equal(3, analysis.CriticalPath.Count);
    }

    [Fact]
    public void Analyze_TakesTheHeavierBranchOfADiamond_AsTheCriticalPath()
    {
        var analysis = TaskGraph.Analyze(
            [Node("a"), Node("b", ["a"], weight: 2), Node("c", ["a"], weight: 5), Node("d", "b", "c")],
            Cap);

        Assert.Equal(["a", "c", "d"], analysis.CriticalPath);
        Assert.Equal(7, analysis.CriticalPathWeight);
    }

    [Fact]
    public void Analyze_OrdersAChainListedBackwards()
    {
        var analysis = TaskGraph.Analyze([Node("c", "b"), Node("b", "a"), Node("a")], Cap);

        Assert.Equal(["a", "b", "c"], analysis.Order);
        Assert.Equal([["a"], ["b"], ["c"]], analysis.Levels);
        Assert.Equal(["a", "b", "c"], analysis.CriticalPath);
        Assert.Equal(3, analysis.CriticalPathWeight);
    }

    [Fact]
    public void Analyze_PutsIndependentTasksInOneLevel_InPlanOrder()
    {
        var analysis = TaskGraph.Analyze([Node("x"), Node("y"), Node("z")], Cap);

        Assert.Equal(["x", "y", "z"], analysis.Order);
        var level = Assert.Single(analysis.Levels);
        Assert.Equal(["x", "y", "z"], level);
        Assert.Single(analysis.CriticalPath);
        Assert.Equal(1, analysis.CriticalPathWeight);
    }

    [Fact]
    public void Analyze_PicksTheHeaviestIndependentTask_AsTheCriticalPath()
    {
        var analysis = TaskGraph.Analyze([Node("x", [], weight: 3), Node("y", [], weight: 9), Node("z", [], weight: 4)], Cap);

        Assert.Equal(["y"], analysis.CriticalPath);
        Assert.Equal(9, analysis.CriticalPathWeight);
    }

    [Fact]
    public void Analyze_PrefersOneHeavyTask_OverALongLightChain()
    {
        var analysis = TaskGraph.Analyze(
            [Node("a"), Node("b", ["a"], weight: 10), Node("d", ["b", "c"]), Node("c", ["a"], weight: 2), Node("e", [], weight: 20)],
            Cap);

        Assert.Equal([["a", "e"], ["b", "c"], ["d"]], analysis.Levels);
        Assert.Equal(["e"], analysis.CriticalPath);
        Assert.Equal(20, analysis.CriticalPathWeight);
    }

    [Fact]
    public void Analyze_PlacesATaskOneLevelAfterItsDeepestDependency()
    {
        // c depends on a directly and through b: it belongs after b, not beside it.
        var analysis = TaskGraph.Analyze([Node("a"), Node("b", "a"), Node("c", "a", "b")], Cap);

        Assert.Equal([["a"], ["b"], ["c"]], analysis.Levels);
    }

    [Fact]
    public void Analyze_CountsANegativeWeight_AsZero()
    {
        var analysis = TaskGraph.Analyze([Node("a", [], weight: -5), Node("b", ["a"], weight: 2)], Cap);

        Assert.Equal(2, analysis.CriticalPathWeight);
        Assert.Equal("b", analysis.CriticalPath[^1]);
    }

    [Fact]
    public void Analyze_TreatsNullDependsOn_AsNone()
    {
        var analysis = TaskGraph.Analyze([new GraphNode("a", null!), Node("b", "a")], Cap);

        Assert.True(analysis.IsValid);
        Assert.Equal(["a", "b"], analysis.Order);
    }

    [Fact]
    public void Analyze_HandlesAHundredThousandTaskChain_WithoutRecursion()
    {
        const int count = 100_000;
        var nodes = Chain(count);

        var analysis = TaskGraph.Analyze(nodes, count);

        Assert.True(analysis.IsValid);
        Assert.Equal(count, analysis.Levels.Count);
        Assert.Equal("t0", Assert.Single(analysis.Levels[0]));
        Assert.Equal($"t{count - 1}", Assert.Single(analysis.Levels[^1]));
        Assert.Equal(nodes.Select(n => n.Key), analysis.Order);
        Assert.Equal(count, analysis.CriticalPathWeight);
        Assert.Equal(count, analysis.CriticalPath.Count);
    }

    [Fact]
    public void Analyze_ReportsAHundredThousandTaskCycle_WithoutRecursion()
    {
        const int count = 100_000;
        var nodes = Chain(count);
        nodes[0] = Node("t0", $"t{count - 1}");

        var analysis = TaskGraph.Analyze(nodes, count);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(GraphProblemKind.Cycle, problem.Kind);
        Assert.Equal(count + 1, problem.Keys.Count);
        AssertIsCycle(nodes, problem.Keys);
    }

    private static GraphNode Node(string key, params string[] dependsOn) => new(key, dependsOn);

    private static GraphNode Node(string key, string[] dependsOn, long weight) => new(key, dependsOn, weight);

    private static GraphNode[] Chain(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i == 0 ? Node("t0") : Node($"t{i}", $"t{i - 1}"))];

    /// <summary>A cycle path starts and ends on the same task, repeats no other, and each task depends on the next.</summary>
    private static void AssertIsCycle(IReadOnlyList<GraphNode> nodes, IReadOnlyList<string> path)
    {
        var dependsOn = nodes
            .GroupBy(n => n.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().DependsOn.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.True(path.Count >= 3, $"A cycle path needs at least two tasks: {string.Join(" → ", path)}");
        Assert.Equal(path[0], path[^1]);
        Assert.Equal(path.Count - 1, path.Take(path.Count - 1).Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i + 1 < path.Count; i++)
        {
            Assert.True(
                dependsOn[path[i]].Contains(path[i + 1]),
                $"'{path[i]}' does not depend on '{path[i + 1]}' (step {i} of the reported cycle).");
        }
    }

    private static void AssertOrderRespectsEdges(IReadOnlyList<string> order, IEnumerable<(string Before, string After)> edges)
    {
        var position = order.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        foreach (var (before, after) in edges)
        {
            Assert.True(position[before] < position[after], $"'{before}' must come before '{after}' in {string.Join(", ", order)}.");
        }
    }
}
