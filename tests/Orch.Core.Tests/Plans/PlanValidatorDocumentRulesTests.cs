using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.PlanValidatorSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>Rules on the plan as a whole: its tasks array, the task cap, and every problem reported at once.</summary>
public sealed class PlanValidatorDocumentRulesTests
{
    [Fact]
    public void Validate_ReportsNullTask_AtItsIndex()
    {
        var document = new PlanDocument { Tasks = [TaskDocument("a"), null, TaskDocument("c", "a")] };

        var problem = Assert.Single(PlanValidator.Validate(document, MaxTasks).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[1]", problem.Path);
    }

    [Fact]
    public void Validate_ReportsMissingTasksArray()
    {
        var validation = PlanValidator.Validate(new PlanDocument { Summary = "s" }, MaxTasks);

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("missing_field", problem.Code);
        Assert.Equal("tasks", problem.Path);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var document = new PlanDocument
        {
            Tasks =
            [
                new PlanTaskDocument { Key = "bad key", Title = " ", Kind = "coding", Priority = 5_000 },
                TaskDocument("b") with { Tier = "9", EstimatedCostUsd = -1m },
                null,
                TaskDocument("c", "ghost"),
            ],
        };

        var validation = PlanValidator.Validate(document, MaxTasks);

        Assert.Equal(
            [
                ("invalid_field", "tasks[0].key"),
                ("missing_field", "tasks[0].title"),
                ("invalid_field", "tasks[0].kind"),
                ("invalid_field", "tasks[0].priority"),
                ("invalid_field", "tasks[1].tier"),
                ("invalid_field", "tasks[1].estimated_cost_usd"),
                ("invalid_field", "tasks[2]"),
                ("unknown_dependency", null),
            ],
            validation.Problems.Select(p => (p.Code, p.Path)));
        Assert.Empty(validation.Tasks);
    }

    [Fact]
    public void Validate_ReportsEmpty_WhenTheTasksArrayIsEmpty()
    {
        var validation = PlanValidator.Validate(new PlanDocument { Tasks = [] }, MaxTasks);

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("empty", problem.Code);
    }

    [Fact]
    public void Validate_ReportsOneTooManyTasksProblem_WhenOverTheCap()
    {
        var document = new PlanDocument { Tasks = [TaskDocument("a"), null, TaskDocument("a", "a"), TaskDocument("bad key")] };

        var validation = PlanValidator.Validate(document, maxTasks: 3);

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("too_many_tasks", problem.Code);
        Assert.Equal("tasks", problem.Path);
        Assert.Contains("4", problem.Message, StringComparison.Ordinal);
        Assert.Contains("3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsExactlyTheCap()
    {
        var validation = PlanValidator.Validate(new PlanDocument { Tasks = [TaskDocument("a"), TaskDocument("b"), TaskDocument("c")] }, maxTasks: 3);

        Assert.True(validation.IsValid, Describe(validation));
        Assert.Equal(3, validation.Tasks.Count);
    }
}
