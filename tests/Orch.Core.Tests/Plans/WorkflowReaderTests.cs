using Orch.Core.Plans;
using Orch.Testing;

namespace Orch.Core.Tests.Plans;

public sealed class WorkflowReaderTests
{
    private const string ReportYaml = """
        # Monthly report, written by hand.
        name: Monthly sales report
        tasks:
          - key: collect
            title: Collect last month's sales
            kind: data
            complexity: low
            tier: local           # free and on this machine
            tools: [workspace_read, knowledge_search]
            timeout_seconds: 300
            max_attempts: 3
            estimated_cost_usd: 0
          - key: analyse
            title: Find the three largest changes
            kind: analysis
            tier: small
            depends_on: [collect]
            acceptance_criteria:
              - Names each change with its size in percent
              - "Says why, when the data shows it: no guessing"
            priority: -5
            estimated_cost_usd: 0.02
          - key: write
            title: Write the report
            kind: writing
            complexity: high
            tier: large
            tools:
              - workspace_write
            depends_on:
              - collect
              - analyse
            description: |
              Two pages at most.
              Lead with the totals.
            timeout_seconds: 1800
            max_attempts: 2
            priority: 10
            estimated_cost_usd: 0.75
        """;

    private const string ReportJson = """
        {
          // Monthly report, written by hand.
          "name": "Monthly sales report",
          "tasks": [
            {
              "key": "collect", "title": "Collect last month's sales", "kind": "data", "complexity": "low", "tier": "local",
              "tools": ["workspace_read", "knowledge_search"], "timeout_seconds": 300, "max_attempts": 3, "estimated_cost_usd": 0
            },
            {
              "key": "analyse", "title": "Find the three largest changes", "kind": "analysis", "tier": "small",
              "depends_on": ["collect"],
              "acceptance_criteria": ["Names each change with its size in percent", "Says why, when the data shows it: no guessing"],
              "priority": -5, "estimated_cost_usd": 0.02
            },
            {
              "key": "write", "title": "Write the report", "kind": "writing", "complexity": "high", "tier": "large",
              "tools": ["workspace_write"], "depends_on": ["collect", "analyse"],
              "description": "Two pages at most.\nLead with the totals.\n",
              "timeout_seconds": 1800, "max_attempts": 2, "priority": 10, "estimated_cost_usd": 0.75,
            },
          ],
        }
        """;

    private static readonly PlanDocument Report = new()
    {
        Summary = "Monthly sales report",
        Tasks =
        [
            new PlanTaskDocument
            {
                Key = "collect", Title = "Collect last month's sales", Kind = "data", Complexity = "low", Tier = "local",
                Tools = ["workspace_read", "knowledge_search"], TimeoutSeconds = 300, MaxAttempts = 3, EstimatedCostUsd = 0m,
            },
            new PlanTaskDocument
            {
                Key = "analyse", Title = "Find the three largest changes", Kind = "analysis", Tier = "small", DependsOn = ["collect"],
                AcceptanceCriteria = ["Names each change with its size in percent", "Says why, when the data shows it: no guessing"],
                Priority = -5, EstimatedCostUsd = 0.02m,
            },
            new PlanTaskDocument
            {
                Key = "write", Title = "Write the report", Kind = "writing", Complexity = "high", Tier = "large",
                Tools = ["workspace_write"], DependsOn = ["collect", "analyse"], Description = "Two pages at most.\nLead with the totals.\n",
                TimeoutSeconds = 1800, MaxAttempts = 2, Priority = 10, EstimatedCostUsd = 0.75m,
            },
        ],
    };

    [Fact]
    public void Read_Yaml_GivesTheExpectedDocument_ThatIsAValidPlan()
    {
        var document = WorkflowReader.Read(ReportYaml);

        Assert.Equal(PlanDocumentReader.Write(Report), PlanDocumentReader.Write(document));
        var validation = PlanValidator.Validate(document, 1000).EnsureValid();
        Assert.Equal("Monthly sales report", validation.Summary);
        Assert.Equal(["collect", "analyse", "write"], validation.Tasks.Select(t => t.Key));
        var write = validation.Tasks[2];
        Assert.Equal((TaskKind.Writing, TaskComplexity.High, "large"), (write.Kind, write.Complexity, write.Tier));
        Assert.Equal((1800, 2), (write.TimeoutSeconds, write.MaxAttempts));
        Assert.Equal(["collect", "analyse"], write.DependsOn);
        Assert.Equal(["collect", "analyse", "write"], validation.Graph!.CriticalPath);
    }

    [Fact]
    public void Read_Json_GivesTheSameDocumentAsYaml()
    {
        var fromJson = WorkflowReader.Read(ReportJson);
        var fromYaml = WorkflowReader.Read(ReportYaml);

        Assert.Equal(PlanDocumentReader.Write(fromYaml), PlanDocumentReader.Write(fromJson));
        Assert.True(PlanValidator.Validate(fromJson, 1000).IsValid);
    }

    [Fact]
    public void Read_FormatIsDetected_OrTakenFromTheCaller()
    {
        Assert.Equal("x", WorkflowReader.Read("\uFEFF  \n {\"summary\": \"x\", \"tasks\": []}").Summary);
        Assert.Equal("x", WorkflowReader.Read("{summary: x, tasks: []}", WorkflowFormat.Yaml).Summary);

        var ex = Assert.Throws<WorkflowFormatException>(() => WorkflowReader.Read("summary: x", WorkflowFormat.Json));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (ex.Line, ex.Column));
    }

    [Fact]
    public void Read_WrittenPlanJson_IsAWorkflowToo()
    {
        var document = WorkflowReader.Read(PlanDocumentReader.Write(Report));

        Assert.Equal(PlanDocumentReader.Write(Report), PlanDocumentReader.Write(document));
    }

    [Fact]
    public void Read_YamlCommentsAndBlockStrings_Work()
    {
        const string yaml = """
            summary: >
              A folded summary
              on two lines.
            tasks:  # the tasks
              - key: a   # a comment after a value
                title: 'Quoted: with a colon'
                description: |
                  Line one
                    indented line two

                  Line four
                acceptance_criteria:
                  - >-
                    folded and
                    stripped
              # a comment between tasks
              - {key: b, title: "Flow \"style\"", depends_on: [a]}
            """;

        var document = WorkflowReader.Read(yaml);

        Assert.Equal("A folded summary on two lines.\n", document.Summary);
        var a = document.Tasks![0]!;
        Assert.Equal("Quoted: with a colon", a.Title);
        Assert.Equal("Line one\n  indented line two\n\nLine four\n", a.Description);
        Assert.Equal(["folded and stripped"], a.AcceptanceCriteria!);
        Assert.Equal("Flow \"style\"", document.Tasks[1]!.Title);
        Assert.True(PlanValidator.Validate(document, 1000).IsValid);
    }

    [Fact]
    public void Read_UnquotedYaml_IsTextWhereTextBelongs()
    {
        var task = WorkflowReader.Read("tasks:\n  - key: 2025\n    title: 42\n    tier: ~\n    description:\n    priority: 7\n").Tasks![0]!;

        Assert.Equal(("2025", "42"), (task.Key, task.Title));
        Assert.Null(task.Tier);
        Assert.Null(task.Description);
        Assert.Equal(7, task.Priority);
    }

    [Fact]
    public void Read_AnchorsAndAliases_AreReused()
    {
        const string yaml = """
            tasks:
              - key: a
                title: A
                tools: &shared [workspace_read, workspace_write]
              - key: b
                title: B
                tools: *shared
            """;

        var document = WorkflowReader.Read(yaml);

        Assert.Equal(["workspace_read", "workspace_write"], document.Tasks![1]!.Tools!);
    }

    [Fact]
    public void Read_ACycle_IsReadFine_ThenTheValidatorReportsItsPath()
    {
        const string yaml = """
            tasks:
              - key: build
                title: Build
                depends_on: [test]
              - key: test
                title: Test
                depends_on: [deploy]
              - key: deploy
                title: Deploy
                depends_on: [build]
              - key: docs
                title: Docs
            """;

        var document = WorkflowReader.Read(yaml);
        var validation = PlanValidator.Validate(document, 1000);

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("cycle", problem.Code);
        Assert.Equal(["build", "test", "deploy", "build"], problem.Keys!);
        Assert.Equal("Dependency cycle: build → test → deploy → build (each task depends on the next).", problem.Message);
        Assert.Throws<PlanValidationException>(() => validation.EnsureValid());
    }

    [Fact]
    public void Read_TheValidatorStillJudgesValues()
    {
        var document = WorkflowReader.Read("tasks:\n  - key: a\n    kind: poetry\n    depends_on: [nope]\n");

        Assert.Equal(
            [("missing_field", "tasks[0].title"), ("invalid_field", "tasks[0].kind"), ("unknown_dependency", null)],
            PlanValidator.Validate(document, 1000).Problems.Select(p => (p.Code, p.Path)));
    }

    [Fact]
    public void ExampleWorkflow_InConfig_ReadsAndValidates()
    {
        var path = Path.Combine(HostProcess.RepositoryRoot(), "config", "workflows", "example.yaml");

        var document = WorkflowReader.Read(File.ReadAllText(path));
        var validation = PlanValidator.Validate(document, 1000);

        Assert.Empty(validation.Problems);
        Assert.InRange(validation.Tasks.Count, 4, 6);
        Assert.All(validation.Tasks, t => Assert.NotNull(t.Tier));
        Assert.Contains(validation.Tasks, t => t.DependsOn.Count > 1);
        Assert.Contains(validation.Tasks, t => t.TimeoutSeconds is not null && t.MaxAttempts is not null);
    }
}
