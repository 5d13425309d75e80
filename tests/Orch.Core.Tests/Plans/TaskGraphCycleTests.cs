using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.TaskGraphSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>Cycles: each reported once, as a path along depends-on edges, alongside any other problems.</summary>
public sealed class TaskGraphCycleTests
{
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
    public void Analyze_CountsADuplicateDependencyOnce_InsideACycle()
    {
        GraphNode[] nodes = [Node("a", "b", "b"), Node("b", "a", "a")];

        var problem = Assert.Single(TaskGraph.Analyze(nodes, Cap).Problems);

        Assert.Equal(GraphProblemKind.Cycle, problem.Kind);
        AssertIsCycle(nodes, problem.Keys);
        Assert.Equal(3, problem.Keys.Count);
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
}
