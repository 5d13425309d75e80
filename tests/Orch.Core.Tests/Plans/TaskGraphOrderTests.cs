using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.TaskGraphSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>For a valid graph: the execution order, the levels of tasks that can run together, and the critical path.</summary>
public sealed class TaskGraphOrderTests
{
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

    private static void AssertOrderRespectsEdges(IReadOnlyList<string> order, IEnumerable<(string Before, string After)> edges)
    {
        var position = order.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        foreach (var (before, after) in edges)
        {
            Assert.True(position[before] < position[after], $"'{before}' must come before '{after}' in {string.Join(", ", order)}.");
        }
    }
}
