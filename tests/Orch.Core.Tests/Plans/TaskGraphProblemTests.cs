using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.TaskGraphSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>Problems found before ordering: no tasks, too many, missing or duplicate keys, self and unknown dependencies.</summary>
public sealed class TaskGraphProblemTests
{
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
}
