using Orch.Core.Plans;
using static Orch.Core.Tests.Plans.PlanValidatorSamples;

namespace Orch.Core.Tests.Plans;

/// <summary>Rules on one text field of a task or the plan: keys, titles, the summary, kind, complexity and tier names.</summary>
public sealed class PlanValidatorFieldRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_ReportsMissingKey(string? key)
    {
        var validation = Validate(TaskDocument("a"), TaskDocument("b") with { Key = key });

        // The graph's own "missing key" is not repeated: the field problem says it.
        var problem = Assert.Single(validation.Problems);
        Assert.Equal("missing_field", problem.Code);
        Assert.Equal("tasks[1].key", problem.Path);
        Assert.Empty(validation.Tasks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" \t ")]
    public void Validate_ReportsMissingTitle(string? title)
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Title = title }).Problems);

        Assert.Equal("missing_field", problem.Code);
        Assert.Equal("tasks[0].title", problem.Path);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("naïve")]
    [InlineData("a,b")]
    public void Validate_ReportsBadKeyCharacters(string key)
    {
        var problem = Assert.Single(Validate(TaskDocument(key)).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].key", problem.Path);
        Assert.Contains(key, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("9lives")]
    [InlineData("Step_1.b-2")]
    public void Validate_AcceptsGoodKeys(string key)
    {
        Assert.Equal(key, Assert.Single(Validate(TaskDocument(key)).Tasks).Key);
    }

    [Fact]
    public void Validate_ReportsOverLongKey()
    {
        var problem = Assert.Single(Validate(TaskDocument(new string('k', PlanLimits.MaxKeyLength + 1))).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].key", problem.Path);
    }

    [Fact]
    public void Validate_ReportsOverLongTitle_WithItsLength()
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Title = new string('t', PlanLimits.MaxTitleLength + 1) }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].title", problem.Path);
        Assert.Contains("201", problem.Message, StringComparison.Ordinal);
        Assert.Contains("200", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsATitleOfExactlyTheMaximumLength_AfterTrimming()
    {
        var title = new string('t', PlanLimits.MaxTitleLength);

        var task = Assert.Single(Validate(TaskDocument("a") with { Title = $"  {title}  " }).Tasks);

        Assert.Equal(title, task.Title);
    }

    [Fact]
    public void Validate_ReportsOverLongSummary()
    {
        var document = new PlanDocument { Summary = new string('s', PlanLimits.MaxSummaryLength + 1), Tasks = [TaskDocument("a")] };

        var problem = Assert.Single(PlanValidator.Validate(document, MaxTasks).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("summary", problem.Path);
    }

    [Theory]
    [InlineData("key", "tasks[0].key")]
    [InlineData("title", "tasks[0].title")]
    [InlineData("description", "tasks[0].description")]
    [InlineData("acceptance_criteria", "tasks[0].acceptance_criteria[1]")]
    public void Validate_ReportsNulCharacter(string field, string path)
    {
        var task = field switch
        {
            "key" => TaskDocument("a") with { Key = "a\0b" },
            "title" => TaskDocument("a") with { Title = "Bad\0title" },
            "description" => TaskDocument("a") with { Description = "line\0more" },
            _ => TaskDocument("a") with { AcceptanceCriteria = ["fine", "not\0fine"] },
        };

        var problems = Validate(task).Problems;

        Assert.Contains(problems, p => p.Code == "invalid_field" && p.Path == path && p.Message.Contains("NUL", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Equal(path, p.Path));
    }

    [Fact]
    public void Validate_ReportsUnknownKind_ListingTheAllowedNames()
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Kind = "coding" }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].kind", problem.Path);
        Assert.Contains("'coding'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("research, analysis, design, code, test, writing, review, data, other", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsUnknownComplexity_ListingTheAllowedNames()
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Complexity = "extreme" }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].complexity", problem.Path);
        Assert.Contains("low, medium, high", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData(" 1")]
    [InlineData("99")]
    [InlineData("-1")]
    public void Validate_RefusesNumbersAsKindNames(string kind)
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Kind = kind }).Problems);

        Assert.Equal("tasks[0].kind", problem.Path);
    }

    [Theory]
    [InlineData("code, test")]
    [InlineData("research,analysis")]
    [InlineData("+1")]
    public void Validate_RefusesKindNamesThatAreNotExactlyOneName(string kind)
    {
        var validation = Validate(TaskDocument("a") with { Kind = kind });

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("tasks[0].kind", problem.Path);
    }

    [Fact]
    public void Validate_RefusesComplexityNamesThatAreNotExactlyOneName()
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Complexity = "low, medium" }).Problems);

        Assert.Equal("tasks[0].complexity", problem.Path);
    }

    [Fact]
    public void Validate_ShortensAVeryLongUnknownName_InTheMessage()
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Kind = new string('z', 5_000) }).Problems);

        Assert.True(problem.Message.Length < 300, problem.Message);
        Assert.Contains("…", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1fast")]
    [InlineData("fast tier")]
    [InlineData("_fast")]
    [InlineData("fast.v2")]
    public void Validate_ReportsBadTierName(string tier)
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Tier = tier }).Problems);

        Assert.Equal("invalid_field", problem.Code);
        Assert.Equal("tasks[0].tier", problem.Path);
    }

    [Fact]
    public void Validate_ReportsOverLongTier()
    {
        var problem = Assert.Single(Validate(TaskDocument("a") with { Tier = new string('t', PlanLimits.MaxTierLength + 1) }).Problems);

        Assert.Equal("tasks[0].tier", problem.Path);
    }
}
