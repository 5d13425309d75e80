using System.Text.RegularExpressions;
using Orch.Admin.Components.Graph;
using Orch.Admin.Components.Runs;
using Orch.Core.Budgets;
using Orch.Core.Execution;
using Orch.Core.Plans;
using TaskGraph = Orch.Admin.Components.Graph.TaskGraph;
using Orch.Core.Projects;

namespace Orch.Admin.Tests.Components;

/// <summary>The run view's drawings rendered to HTML from known attempts and states, without a browser.</summary>
public sealed partial class RunComponentTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Timeline_PlacesEachAttempt_FromItsStartToItsEnd_AndARunningOne_ToNow()
    {
        var layout = TimelineLayout.Of(SampleRows(), Noon.AddSeconds(40));

        Assert.Equal((Noon, Noon.AddSeconds(40)), (layout.Start, layout.End));
        var a = Assert.Single(layout.Lanes[0].Bars);
        Assert.Equal(new TimelineBar(1, "succeeded", 0, 25, a.Label), a);
        Assert.Equal("a · attempt 1 · succeeded · small / m-small · 12:00:00–12:00:10 UTC (10.0 s)", a.Label);
        var b = layout.Lanes[1].Bars;
        Assert.Equal([(1, "failed", 25d, 25d), (2, "running", 50d, 50d)], b.Select(x => (x.Attempt, x.Outcome, x.Left, x.Width)));
        // Every ten seconds, at round times.
        Assert.Equal(["12:00:00", "12:00:10", "12:00:20", "12:00:30", "12:00:40"], layout.Ticks.Select(t => t.Label));
        Assert.Equal([0d, 25d, 50d, 75d, 100d], layout.Ticks.Select(t => t.Left));
    }

    [Fact]
    public void Timeline_KeepsAShortAttemptVisible_InsideTheAxis_AndChoosesRoundTicksForLongRuns()
    {
        IReadOnlyList<TimelineRow> rows =
        [
            new("long", "Long", [Span(1, RunStatus.Succeeded, Noon, Noon.AddHours(3))]),
            new("blink", "Blink", [Span(1, RunStatus.Succeeded, Noon.AddHours(3), Noon.AddHours(3).AddMilliseconds(5))]),
        ];

        var layout = TimelineLayout.Of(rows, Noon.AddHours(5));

        var blink = Assert.Single(layout.Lanes[1].Bars);
        Assert.Equal(TimelineLayout.MinBarWidth, blink.Width);
        Assert.Equal(100 - TimelineLayout.MinBarWidth, blink.Left);
        // Three hours and a blink: half-hourly marks would be seven, so hourly ones.
        Assert.Equal(["12:00", "13:00", "14:00", "15:00"], layout.Ticks.Select(t => t.Label));
        Assert.Equal("4 min 05 s", TimelineLayout.Duration(TimeSpan.FromSeconds(245)));
        Assert.Equal("850 ms", TimelineLayout.Duration(TimeSpan.FromMilliseconds(850)));
        Assert.Equal("2 h 10 min", TimelineLayout.Duration(TimeSpan.FromMinutes(130)));
    }

    [Fact]
    public async Task TimelineComponent_DrawsBarsColouredByOutcome_WithTicksLinksAndWhatHasNotStarted()
    {
        Func<string, string?> href = key => "projects/p/tasks/" + key;
        var html = await ComponentHtml.RenderAsync<AttemptTimeline>(new Dictionary<string, object?>
        {
            ["Rows"] = SampleRows(),
            ["Now"] = Noon.AddSeconds(40),
            ["NotStarted"] = 3,
            ["RowHref"] = href,
        });

        Assert.Contains("class=\"orch-bar orch-bar-succeeded\" style=\"left: 0%; width: 25%\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"orch-bar orch-bar-failed\" style=\"left: 25%; width: 25%\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"bar-b-2\" data-outcome=\"running\"", html);
        Assert.Contains("href=\"projects/p/tasks/b\"", html, StringComparison.Ordinal);
        Assert.Equal(5, TickCount().Count(html));
        var text = ComponentHtml.Text(html);
        Assert.Contains("UTC 12:00:00 12:00:10 12:00:20 12:00:30 12:00:40 a b", text, StringComparison.Ordinal);
        Assert.Contains("· 3 tasks have not started", text, StringComparison.Ordinal);
        Assert.DoesNotContain("timeline-next", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelineComponent_DrawsOnePageOfAThousandTasks_AndSaysWhichPage()
    {
        var rows = Enumerable.Range(0, 1_000)
            .Select(i => new TimelineRow($"t{i}", $"Task {i}", [Span(1, RunStatus.Succeeded, Noon.AddSeconds(i), Noon.AddSeconds(i + 1))]))
            .ToList();

        var html = await ComponentHtml.RenderAsync<AttemptTimeline>(new Dictionary<string, object?> { ["Rows"] = rows, ["Now"] = Noon.AddHours(1), ["PageSize"] = 40 });

        Assert.Equal(40, RowCount().Count(html));
        Assert.Contains("data-testid=\"timeline-row-t39\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"timeline-row-t40\"", html, StringComparison.Ordinal);
        Assert.Contains("Tasks 1–40 of 1,000", ComponentHtml.Text(html), StringComparison.Ordinal);
        // The axis spans the whole run, not the page: the first page's bars sit at its start.
        Assert.Contains("data-testid=\"bar-t0-1\"", html, StringComparison.Ordinal);
        Assert.Contains("style=\"left: 0%; width: 0.4%\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelineComponent_SaysSoWhenNothingHasStarted()
    {
        var text = ComponentHtml.Text(await ComponentHtml.RenderAsync<AttemptTimeline>(new Dictionary<string, object?> { ["Rows"] = Array.Empty<TimelineRow>(), ["Now"] = Noon }));

        Assert.Equal("Timeline No task has started yet.", text);
    }

    [Fact]
    public async Task Summary_ShowsStatusSpendBudgetCapsAndTasksByState()
    {
        var run = new ProjectRunView(
            Guid.NewGuid(), "Website", ProjectStatus.Paused, "paused by a person", Guid.NewGuid(), 2, 1.25m, 10m,
            [new BudgetStanding("daily", "day:2025-06-14", 150m, 97m, 0.5m, 52.5m)],
            new Dictionary<string, int> { ["Completed"] = 2, ["Skipped"] = 1, ["Running"] = 1, ["BudgetExceeded"] = 1 },
            [.. Enumerable.Range(0, 5).Select(i => new TaskRunView(Guid.NewGuid(), $"t{i}", "T", PlanTaskStatus.Completed, null, null, 1, 0, [], null, null, null))],
            42);

        var html = await ComponentHtml.RenderAsync<RunSummaryCard>(new Dictionary<string, object?> { ["Run"] = run });
        var text = ComponentHtml.Text(html);

        Assert.Contains("Status Paused paused by a person Plan version 2", text, StringComparison.Ordinal);
        Assert.Contains("Spent $1.25 of the project's budget of $10.00 daily cap: $97.00 of $150.00, $52.50 left ($0.50 held)", text, StringComparison.Ordinal);
        Assert.Contains("3 of 5 tasks finished", text, StringComparison.Ordinal);
        Assert.Contains("1 running 2 completed 1 skipped 1 budget exceeded", text, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"60 % of the tasks finished\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_TakesLiveStatesByKey_OverTheTasksOwn()
    {
        IReadOnlyList<GraphTask> tasks = [new("a", "A", [], "pending"), new("b", "B", ["a"], "pending")];

        var html = await ComponentHtml.RenderAsync<TaskGraph>(new Dictionary<string, object?>
        {
            ["Tasks"] = tasks,
            ["States"] = new Dictionary<string, string> { ["a"] = "completed" },
        });

        Assert.Contains("data-testid=\"graph-node-a\" data-state=\"completed\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"graph-node-b\" data-state=\"pending\"", html, StringComparison.Ordinal);
        Assert.Contains("orch-graph-completed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttemptCard_ListsItsModelCallsAndToolCalls_WithArgumentsResultsAndErrors()
    {
        var run = Guid.NewGuid();
        var attempt = new TaskLogAttempt(run, 2, RunStatus.Succeeded, "node-1", "small", "m-small", Noon, Noon.AddSeconds(12.5), 1_200, 340, 0.0042m, "gaps", "the totals are missing", null);
        IReadOnlyList<TaskLogCall> calls =
        [
            new(run, 2, "Execution", "api", "m-small", "small", 1_000, 300, 0.004m, 850, Noon.AddSeconds(1)),
            new(run, 2, "Verification", "api", "m-large", "large", 200, 40, 0.0002m, 120, Noon.AddSeconds(12)),
        ];
        IReadOnlyList<ToolCallView> tools =
        [
            new(10, Noon.AddSeconds(2), run, 2, "write_file", true, """{"path":"notes/a.md","content":"hello"}""", "Wrote notes/a.md (5 bytes).", 27, ["notes/a.md"]),
            new(11, Noon.AddSeconds(3), run, 2, "read_file", false, """{"path":"<missing>.md"}""", "No file at <missing>.md.", 24, []),
        ];

        var html = await ComponentHtml.RenderAsync<TaskAttemptCard>(new Dictionary<string, object?> { ["Attempt"] = attempt, ["Calls"] = calls, ["ToolCalls"] = tools });
        var text = ComponentHtml.Text(html);

        Assert.Contains("Attempt 2 Succeeded node-1 · small / m-small · 2025-06-14 12:00:00 – 2025-06-14 12:00:12 (12.5 s) · 1,200 in, 340 out · $0.0042", text, StringComparison.Ordinal);
        Assert.Contains("Verdict: gaps — the totals are missing", text, StringComparison.Ordinal);
        Assert.Contains("12:00:01 execution small api/m-small 1,000 300 $0.004 850 ms", text, StringComparison.Ordinal);
        Assert.Contains("12:00:12 verification large api/m-large 200 40 $0.0002 120 ms", text, StringComparison.Ordinal);
        Assert.Contains("""12:00:02 write_file {"path":"notes/a.md","content":"hello"} Wrote notes/a.md (5 bytes). 27 chars notes/a.md""", text, StringComparison.Ordinal);
        Assert.Contains("Error: No file at &lt;missing&gt;.md.", html, StringComparison.Ordinal);
        Assert.Single(ToolError().Matches(html));
    }

    /// <summary>a ran 0–10 s; b failed 10–20 s, and its second attempt has run since 20 s.</summary>
    private static List<TimelineRow> SampleRows() =>
    [
        new("a", "Task a", [Span(1, RunStatus.Succeeded, Noon, Noon.AddSeconds(10))]),
        new("b", "Task b", [Span(1, RunStatus.Failed, Noon.AddSeconds(10), Noon.AddSeconds(20)), Span(2, RunStatus.Running, Noon.AddSeconds(20), null)]),
    ];

    private static AttemptSpan Span(int attempt, RunStatus status, DateTimeOffset started, DateTimeOffset? ended) =>
        new(Guid.Empty, attempt, status, "small", "m-small", started, ended);

    [GeneratedRegex("class=\"orch-tool-error\"")]
    private static partial Regex ToolError();

    [GeneratedRegex("data-testid=\"timeline-tick\"")]
    private static partial Regex TickCount();

    [GeneratedRegex("data-testid=\"timeline-row-")]
    private static partial Regex RowCount();
}
