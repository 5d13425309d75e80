using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.PlanValidatorSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>Rules on a task's lists (tools, acceptance criteria, dependencies) and numbers (priority, estimated cost).</summary>
public sealed class PlanValidatorListAndRangeRulesTests
{
    [Fact]
    public void Validate_ReportsTooManyTools()
    {
        var tools = Enumerable.Range(0, PlanLimits.MaxTools + 1).Select(i => (string?)$"tool_{i}").ToList();

        var problem = Assert.Single(Validate(TaskDocument("a") with { Tools = tools }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].tools", problem.Path);
        Assert.Contains("21", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsExactlyTheMaximumNumberOfTools()
    {
        var tools = Enumerable.Range(0, PlanLimits.MaxTools).Select(i => (string?)$"tool_{i}").ToList();

        Assert.Equal(PlanLimits.MaxTools, Assert.Single(Validate(TaskDocument("a") with { Tools = tools }).Tasks).Tools.Count);
    }

    [Theory]
    [InlineData("Web_Fetch")]
    [InlineData("web fetch")]
    [InlineData("")]
    public void Validate_ReportsBadToolName(string tool)
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Tools = ["read_file", tool] }).Problems);

        Assert.StartsWith("tasks[0].tools", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsTooManyAcceptanceCriteria()
    {
        var criteria = Enumerable.Range(0, PlanLimits.MaxAcceptanceCriteria + 1).Select(i => (string?)$"criterion {i}").ToList();

        var problem = Assert.Single(Validate(TaskDocument("a") with { AcceptanceCriteria = criteria }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].acceptance_criteria", problem.Path);
    }

    [Fact]
    public void Validate_ReportsNullDependencyEntry_AtItsIndex()
    {
        var problem = Assert.Single(Validate(TaskDocument("a"), TaskDocument("b") with { DependsOn = ["a", null] }).Problems);

        Assert.Equal("missing_field", problem.Code);
        Assert.Equal("tasks[1].depends_on[1]", problem.Path);
    }

    [Theory]
    [InlineData(1_001)]
    [InlineData(-1_001)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Validate_ReportsPriorityOutOfRange(int priority)
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Priority = priority }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].priority", problem.Path);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(-1_000)]
    public void Validate_AcceptsPriorityAtTheBounds(int priority)
    {
        Assert.Equal(priority, Assert.Single(Validate(TaskDocument("a") with { Priority = priority }).Tasks).Priority);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100000.000001")]
    [InlineData("79228162514264337593543950335")]
    public void Validate_ReportsEstimatedCostOutOfRange(string usd)
    {
        var cost = decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture);

        var problem = Assert.Single(Validate(TaskDocument("a") with { EstimatedCostUsd = cost }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].estimated_cost_usd", problem.Path);
    }
}
