using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.PlanValidatorSamples;

namespace Orch.Core.Tests.Plans;

/// <summary><see cref="PlanValidation.EnsureValid"/>: the exception that lists a plan's problems.</summary>
public sealed class PlanValidatorEnsureValidTests
{
    [Fact]
    public void EnsureValid_ThrowsListingEveryProblem()
    {
        var validation = Validate(TaskDocument("a") with { Title = null }, TaskDocument("b", "ghost"));

        var ex = Assert.Throws<PlanValidationException>(() => validation.EnsureValid());

        Assert.Equal(validation.Problems, ex.Problems);
        Assert.StartsWith("The plan has 2 problems:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- tasks[0].title: This field is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- Task 'b' depends on 'ghost'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValid_ListsTwentyProblems_AndCountsTheRest()
    {
        var tasks = Enumerable.Range(0, 25).Select(i => TaskDocument($"t{i}") with { Title = null }).ToList<PlanTaskDocument?>();
        var validation = PlanValidator.Validate(new PlanDocument { Tasks = tasks }, MaxTasks);

        var ex = Assert.Throws<PlanValidationException>(() => validation.EnsureValid());

        Assert.Equal(25, ex.Problems.Count);
        Assert.Contains("- tasks[19].title", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tasks[20].title", ex.Message, StringComparison.Ordinal);
        Assert.Contains("… and 5 more", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValid_ReturnsTheSameValidation_WhenValid()
    {
        var validation = Validate(TaskDocument("a"), TaskDocument("b", "a"));

        Assert.Same(validation, validation.EnsureValid());
    }
}
