using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

public sealed class WorkflowStrictnessTests
{
    [Fact]
    public void UnknownField_IsAnError_AtItsLineAndColumn_WithASuggestion()
    {
        const string yaml = """
            name: Release
            tasks:
              - key: build
                title: Build
              - key: test
                title: Test
                dependson: [build]
            """;

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal((7, 5), (problem.Line, problem.Column));
        Assert.Equal((7, 5, "tasks[1].dependson"), (ex.Line, ex.Column, ex.Path));
        Assert.Equal("a task has no field 'dependson'; did you mean 'depends_on'?", problem.Message);
        Assert.Equal(
            "The workflow file cannot be read at line 7, column 5 (tasks[1].dependson): a task has no field 'dependson'; did you mean 'depends_on'?",
            ex.Message);
    }

    [Fact]
    public void UnknownField_InJson_IsAnError_AtItsLineAndColumn()
    {
        const string json = """
            {
              "tasks": [
                { "key": "a", "title": "A", "timeout": 30 }
              ]
            }
            """;

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(json));

        Assert.Equal((3, 33, "tasks[0].timeout"), (ex.Line, ex.Column, ex.Path));
        Assert.EndsWith("a task has no field 'timeout'; did you mean 'timeout_seconds'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_CountCharacters_NotBytes()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("""{"summary": "Überprüfung 🚀", "taks": []}"""));

        Assert.Equal((1, 31), (ex.Line, ex.Column));
        Assert.Contains("did you mean 'tasks'?", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Title", "title")]
    [InlineData("titel", "title")]
    [InlineData("depends-on", "depends_on")]
    [InlineData("needs", "depends_on")]
    [InlineData("retries", "max_attempts")]
    [InlineData("timeout", "timeout_seconds")]
    [InlineData("acceptance", "acceptance_criteria")]
    [InlineData("estimated_cost", "estimated_cost_usd")]
    [InlineData("model", "tier")]
    [InlineData("name", "title")]
    public void UnknownTaskField_SuggestsTheNearestKnownOne(string written, string suggested)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read($"tasks:\n  - key: a\n    {written}: x\n"));

        Assert.Equal((3, 5), (ex.Line, ex.Column));
        Assert.EndsWith($"did you mean '{suggested}'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownField_FarFromAnyName_ListsTheKnownFields()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("version: 2\ntasks: []\n"));

        Assert.Equal((1, 1, "version"), (ex.Line, ex.Column, ex.Path));
        Assert.EndsWith("the workflow has no field 'version'; the fields are name, summary, tasks.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_InTheOrderOfTheText()
    {
        const string yaml = """
            tasks:
              - key: a
                title: [not, text]
                priority: high
                tools: workspace_read
              - key: b
                title: B
                timeout_seconds: "30"
                max_attempts: 2.5
                estimated_cost_usd: cheap
                depends_on: [a, {key: c}]
                colour: blue
            """;

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml));

        Assert.Equal(
            [
                (3, 12, "tasks[0].title", "expected text, found a list."),
                (4, 15, "tasks[0].priority", "expected a whole number, found 'high'."),
                (5, 12, "tasks[0].tools", "expected a list such as [workspace_read], found 'workspace_read'."),
                (8, 22, "tasks[1].timeout_seconds", "expected a whole number, found the text \"30\"."),
                (9, 19, "tasks[1].max_attempts", "expected a whole number, found '2.5'."),
                (10, 25, "tasks[1].estimated_cost_usd", "expected a number such as 0.25, found 'cheap'."),
                (11, 21, "tasks[1].depends_on[1]", "expected text, found a mapping (fields)."),
                (12, 5, "tasks[1].colour", "a task has no field 'colour'; the fields are key, title, description, kind, complexity, tier, tools, acceptance_criteria, priority, depends_on, estimated_cost_usd, timeout_seconds, max_attempts."),
            ],
            ex.Problems.Select(p => (p.Line, p.Column, p.Path, p.Message)));
        Assert.StartsWith("The workflow file cannot be read at line 3, column 12 (tasks[0].title): expected text, found a list.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Also at line 4, column 15 (tasks[0].priority)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypes_InJson_AreErrors()
    {
        const string json = """
            {"tasks": [{"key": "a", "title": 7, "priority": "1", "tools": ["x", true], "max_attempts": 99999999999}]}
            """;

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(json));

        Assert.Equal(
            [
                ("tasks[0].title", "expected text, found the number 7."),
                ("tasks[0].priority", "expected a whole number, found the text \"1\"."),
                ("tasks[0].tools[1]", "expected text, found the value true."),
                ("tasks[0].max_attempts", "the number 99999999999 is too large for this field."),
            ],
            ex.Problems.Select(p => (p.Path, p.Message)));
        Assert.Equal((1, 34), (ex.Line, ex.Column));
    }

    [Fact]
    public void TasksThatAreNotMappings_AreErrors_ButNullTasksAreLeftToTheValidator()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("tasks:\n  - just a title\n  - [a]\n"));

        Assert.Equal(
            [(2, 5, "tasks[0]"), (3, 5, "tasks[1]")],
            ex.Problems.Select(p => (p.Line, p.Column, p.Path)));
        Assert.Contains("a task is a mapping of fields (key, title, …), not 'just a title'.", ex.Message, StringComparison.Ordinal);

        var document = WorkflowReader.Read("tasks:\n  -\n  - key: a\n    title: A\n");
        Assert.Null(document.Tasks![0]);
        Assert.Equal("invalid_field", PlanValidator.Validate(document, 1000).Problems[0].Code);
    }

    [Fact]
    public void TasksThatIsNotAList_IsAnError()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("tasks:\n  a:\n    title: A\n"));

        Assert.Equal((2, 3, "tasks"), (ex.Line, ex.Column, ex.Path));
        Assert.EndsWith("expected a list of tasks, found a mapping (fields).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTasks_IsLeftToTheValidator()
    {
        var document = WorkflowReader.Read("name: Nothing yet\n");

        Assert.Null(document.Tasks);
        Assert.Equal("missing_field", Assert.Single(PlanValidator.Validate(document, 1000).Problems).Code);
    }

    [Fact]
    public void NameAndSummaryTogether_IsAnError()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("summary: a\nname: b\ntasks: []\n"));

        Assert.Equal((2, 7, "name"), (ex.Line, ex.Column, ex.Path));
    }

    [Theory]
    [InlineData("tasks: []\ntasks: []\n", 2, 1)]
    [InlineData("""{"tasks": [], "tasks": []}""", 1, 15)]
    [InlineData("tasks:\n  - key: a\n    key: b\n", 3, 5)]
    public void AFieldGivenTwice_IsAnError(string text, int line, int column)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(text));

        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains("is given twice (first at line", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tasks:\n  - key: !!int 5\n", "YAML tags")]
    [InlineData("tasks: !custom []\n", "YAML tags")]
    [InlineData("base: &b {title: T}\ntasks:\n  - <<: *b\n    key: a\n", "no field 'base'")]
    [InlineData("tasks:\n  - <<: {title: T}\n    key: a\n", "merge keys are not supported")]
    [InlineData("? [a, b]\n: c\n", "a field name must be plain text")]
    [InlineData("tasks: []\n---\ntasks: []\n", "more than one YAML document")]
    public void YamlFeaturesAWorkflowDoesNotUse_AreErrors(string yaml, string expected)
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read(yaml));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Line);
    }

    [Fact]
    public void StrTag_MeansText()
    {
        var task = WorkflowReader.Read("tasks:\n  - key: !!str 5\n    title: T\n").Tasks![0]!;

        Assert.Equal("5", task.Key);
    }

    [Fact]
    public void YamlSyntaxErrors_SayWhere()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("tasks:\n  - key: a\n    title: \"A\n  - key: b\n"));

        Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
        Assert.Equal((3, 12), (ex.Line, ex.Column));
        Assert.EndsWith("this is not valid YAML: While scanning a multi-line double-quoted scalar, found wrong indentation.", ex.Message, StringComparison.Ordinal);
        Assert.IsType<YamlDotNet.Core.YamlException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void AnUnclosedFlowList_IsNamed()
    {
        // YamlDotNet throws InvalidOperationException here rather than a YamlException.
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("tasks:\n  - key: a\n    tools: [x, y\n  - key: b\n"));

        Assert.Equal((3, 14), (ex.Line, ex.Column));
        Assert.EndsWith("this is not valid YAML: reading stops after this point, inside the '[' opened at line 3, column 12 (is it closed?).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonSyntaxErrors_SayWhere_InCharacters()
    {
        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("{\n  \"summary\": \"é\" \"tasks\": []\n}"));

        Assert.Equal((2, 18), (ex.Line, ex.Column));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_FindsNothing_ForUnrelatedNames()
    {
        Assert.Null(WorkflowFields.Suggest("colour", WorkflowFields.Task));
        Assert.Null(WorkflowFields.Suggest(new string('x', 10_000), WorkflowFields.Task));
        Assert.Null(WorkflowFields.Suggest("", WorkflowFields.Task));
        Assert.Equal("tasks", WorkflowFields.Suggest("steps", WorkflowFields.Workflow));
    }
}
