using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

public sealed class PlanValidatorTests
{
    private const int MaxTasks = 50;

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
    public void Validate_ReportsEmpty_WhenTheTasksArrayIsEmpty()
    {
        var validation = PlanValidator.Validate(new PlanDocument { Tasks = [] }, MaxTasks);

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("empty", problem.Code);
    }

    [Fact]
    public void Validate_ChecksTheGraph_OfTasksWithFieldProblems()
    {
        // Task b's title is missing, but its dependency on an unknown task is still found.
        var validation = Validate(TaskDocument("a"), TaskDocument("b", "ghost") with { Title = null });

        Assert.Equal(["missing_field", "unknown_dependency"], validation.Problems.Select(p => p.Code));
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

    private static PlanTaskDocument TaskDocument(string? key, params string[] dependsOn) =>
        new() { Key = key, Title = $"Do {key}", DependsOn = [.. dependsOn] };

    private static PlanValidation Validate(params PlanTaskDocument?[] tasks) =>
        PlanValidator.Validate(new PlanDocument { Tasks = [.. tasks] }, MaxTasks);

    private static string Describe(PlanValidation validation) =>
        string.Join("; ", validation.Problems.Select(p => $"{p.Code} {p.Path}: {p.Message}"));
}
