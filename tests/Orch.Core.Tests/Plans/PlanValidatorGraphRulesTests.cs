using static Orch.Core.Tests.Plans.PlanValidatorSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>Rules on the dependency graph between tasks: cycles, unknown and self dependencies, duplicate keys.</summary>
public sealed class PlanValidatorGraphRulesTests
{
    [Fact]
    public void Validate_ReportsCycle_WithItsPath()
    {
        var validation = Validate(TaskDocument("a", "c"), TaskDocument("b", "a"), TaskDocument("c", "b"));

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("cycle", problem.Code);
        Assert.Null(problem.Path);
        Assert.NotNull(problem.Keys);
        Assert.Equal(4, problem.Keys.Count);
        Assert.Equal(problem.Keys[0], problem.Keys[^1]);
        Assert.Equal(["a", "b", "c"], problem.Keys.Skip(1).Order(StringComparer.Ordinal));
        Assert.False(validation.Graph!.IsValid);
        Assert.Empty(validation.Tasks);
    }

    [Fact]
    public void Validate_ReportsUnknownDependency()
    {
        var problem = Assert.Single(Validate(TaskDocument("a"), TaskDocument("b", "a", "nope")).Problems);

        Assert.Equal("unknown_dependency", problem.Code);
        Assert.Equal(["b", "nope"], problem.Keys!);
    }

    [Fact]
    public void Validate_ReportsDuplicateKey_EvenAfterTrimming()
    {
        var problem = Assert.Single(Validate(TaskDocument("a"), TaskDocument(" a ")).Problems);

        Assert.Equal("duplicate_key", problem.Code);
        Assert.Equal(["a"], problem.Keys!);
    }

    [Fact]
    public void Validate_ReportsSelfDependency()
    {
        var problem = Assert.Single(Validate(TaskDocument("a", "a")).Problems);

        Assert.Equal("self_dependency", problem.Code);
        Assert.Equal(["a"], problem.Keys!);
    }

    [Fact]
    public void Validate_ChecksTheGraph_OfTasksWithFieldProblems()
    {
        // Task b's title is missing, but its dependency on an unknown task is still found.
        var validation = Validate(TaskDocument("a"), TaskDocument("b", "ghost") with { Title = null });

        Assert.Equal(["missing_field", "unknown_dependency"], validation.Problems.Select(p => p.Code));
    }
}
