using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.PlanValidatorSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>What a valid task becomes: defaults filled in, text trimmed, names and costs normalised.</summary>
public sealed class PlanValidatorNormalisationTests
{
    [Fact]
    public void Validate_FillsDefaults_WhenOnlyKeyAndTitleAreGiven()
    {
        var validation = Validate(TaskDocument("a"));

        Assert.True(validation.IsValid);
        Assert.Empty(validation.Problems);
        var task = Assert.Single(validation.Tasks);
        Assert.Equal("a", task.Key);
        Assert.Equal("Do a", task.Title);
        Assert.Equal(string.Empty, task.Description);
        Assert.Equal(TaskKind.Other, task.Kind);
        Assert.Equal(TaskComplexity.Medium, task.Complexity);
        Assert.Null(task.Tier);
        Assert.Empty(task.Tools);
        Assert.Empty(task.AcceptanceCriteria);
        Assert.Equal(0, task.Priority);
        Assert.Empty(task.DependsOn);
        Assert.Equal(0, task.EstimatedCostMicros);
    }

    [Fact]
    public void Validate_NormalisesEveryField()
    {
        var document = new PlanDocument
        {
            Summary = "  Two steps  ",
            Tasks =
            [
                TaskDocument("collect"),
                new PlanTaskDocument
                {
                    Key = "  report.v2  ",
                    Title = "  Write the report ",
                    Description = " Monthly numbers \n",
                    Kind = " Writing ",
                    Complexity = "HIGH",
                    Tier = "  Strong-2 ",
                    Tools = [" read_file", "read_file ", "web_fetch"],
                    AcceptanceCriteria = ["  Has a title  ", "Cites sources"],
                    Priority = -7,
                    DependsOn = [" collect ", "collect"],
                    EstimatedCostUsd = 1.2345675m,
                },
            ],
        };

        var validation = PlanValidator.Validate(document, MaxTasks);

        Assert.True(validation.IsValid, Describe(validation));
        Assert.Equal("Two steps", validation.Summary);
        var task = validation.Tasks[1];
        Assert.Equal("report.v2", task.Key);
        Assert.Equal("Write the report", task.Title);
        Assert.Equal("Monthly numbers", task.Description);
        Assert.Equal(TaskKind.Writing, task.Kind);
        Assert.Equal(TaskComplexity.High, task.Complexity);
        Assert.Equal("strong-2", task.Tier);
        Assert.Equal(["read_file", "web_fetch"], task.Tools);
        Assert.Equal(["Has a title", "Cites sources"], task.AcceptanceCriteria);
        Assert.Equal(-7, task.Priority);
        Assert.Equal(["collect"], task.DependsOn);
        // Micro-dollars, rounded half away from zero.
        Assert.Equal(1_234_568, task.EstimatedCostMicros);
        Assert.Equal(["collect", "report.v2"], validation.Graph!.Order);
    }

    [Theory]
    [InlineData("0.000001", 1)]
    [InlineData("0.0000005", 1)]
    [InlineData("0.25", 250_000)]
    [InlineData("100000", 100_000_000_000)]
    public void Validate_ConvertsEstimatedCost_ToMicroDollars(string usd, long micros)
    {
        var cost = decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture);

        var validation = Validate(TaskDocument("a") with { EstimatedCostUsd = cost });

        Assert.Equal(micros, Assert.Single(validation.Tasks).EstimatedCostMicros);
    }

    [Fact]
    public void Validate_AcceptsEveryKindAndComplexityName_InAnyCase()
    {
        foreach (var kind in Enum.GetValues<TaskKind>())
        {
            foreach (var complexity in Enum.GetValues<TaskComplexity>())
            {
                var validation = Validate(TaskDocument("a") with { Kind = kind.ToString().ToUpperInvariant(), Complexity = complexity.ToString().ToLowerInvariant() });

                var task = Assert.Single(validation.Tasks);
                Assert.Equal(kind, task.Kind);
                Assert.Equal(complexity, task.Complexity);
            }
        }
    }
}
