using Orch.Admin.Components.Plans;
using Orch.Core.Plans;

namespace Orch.Admin.Tests.Components;

/// <summary>The plan review's forecast panel and task grid rendered to HTML from known values, without a browser.</summary>
public sealed class PlanComponentTests
{
    private static readonly string[] Tiers = ["local", "small", "large", "assistant"];

    private static readonly DateTimeOffset Created = new(2025, 6, 14, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Forecast_ShowsTotalsPerTaskAndTheBudget_WhenItFitsEvenTheWorstCase()
    {
        var text = ComponentHtml.Text(await RenderForecastAsync(Forecast(budget: 10m, spent: 1.5m)));

        Assert.Contains("Expected $1.25 Worst case $3.50", text, StringComparison.Ordinal);
        Assert.Contains("Budget $10.00: $1.50 spent, $8.50 left.", text, StringComparison.Ordinal);
        Assert.Contains("Fits the budget, even in the worst case.", text, StringComparison.Ordinal);
        Assert.Contains("a small $0.25 $0.50", text, StringComparison.Ordinal);
        Assert.Contains("b large $1.00 $3.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_SaysHowMuchIsMissing_WhenOnlyTheExpectedCostFits_OrNotEvenThat()
    {
        var worstMisses = ComponentHtml.Text(await RenderForecastAsync(Forecast(budget: 3m, spent: 0.5m)));
        var expectedMisses = await RenderForecastAsync(Forecast(budget: 1m, spent: 0.5m));

        Assert.Contains("Fits the budget as expected; the worst case would need $1.00 more than is left.", worstMisses, StringComparison.Ordinal);
        Assert.Contains("Does not fit the budget: it is expected to need $0.75 more than is left.", ComponentHtml.Text(expectedMisses), StringComparison.Ordinal);
        Assert.Contains("class=\"rz-text-body2 orch-failed\"", expectedMisses, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_WithoutABudget_OrWithoutAForecast_SaysSo()
    {
        var unbudgeted = ComponentHtml.Text(await RenderForecastAsync(Forecast(budget: null, spent: 0.25m)));
        var none = ComponentHtml.Text(await ComponentHtml.RenderAsync<PlanForecastPanel>(new Dictionary<string, object?>
        {
            ["Forecast"] = null,
            ["Unavailable"] = "No forecast while the plan has problems: fix them to see what it would cost.",
        }));

        Assert.Contains("The project has no budget of its own; $0.25 spent so far. Only the daily and monthly caps apply.", unbudgeted, StringComparison.Ordinal);
        Assert.Equal("Forecast No forecast while the plan has problems: fix them to see what it would cost.", none);
    }

    [Fact]
    public async Task TaskTable_ShowsEachProblemUnderItsField_AndOthersUnderTheRow()
    {
        var edits = new PlanEdits(Plan());
        var problems = new PlanProblems(
            new Dictionary<string, IReadOnlyList<RowProblem>>
            {
                ["b"] = [new RowProblem("title", "This field is required and must not be blank."), new RowProblem("depends_on", "Task 'b' depends on 'zz', which no task has as its key.")],
                ["a"] = [new RowProblem("priority", "The priority 5000 is outside -1000..1000.")],
            },
            [],
            []);

        var html = await ComponentHtml.RenderAsync<PlanTaskTable>(new Dictionary<string, object?>
        {
            ["Rows"] = edits.Rows,
            ["Problems"] = problems,
            ["Tiers"] = Tiers,
        });

        Assert.Equal("This field is required and must not be blank.", ComponentHtml.Text(Element(html, "error-b-title")));
        Assert.Equal("Task 'b' depends on 'zz', which no task has as its key.", ComponentHtml.Text(Element(html, "error-b-depends_on")));
        Assert.Equal("priority: The priority 5000 is outside -1000..1000.", ComponentHtml.Text(Element(html, "task-errors-a")));
        Assert.DoesNotContain("data-testid=\"error-a-title\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"orch-plan-invalid\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"task-remove-b\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"task-title-b\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskTable_ReadOnly_ShowsTheValues_WithNoInputOrButton()
    {
        var html = await ComponentHtml.RenderAsync<PlanTaskTable>(new Dictionary<string, object?>
        {
            ["Rows"] = new PlanEdits(Plan()).Rows,
            ["ReadOnly"] = true,
        });
        var text = ComponentHtml.Text(html);

        Assert.Contains("a Write part a Gather the sources. research low small", text, StringComparison.Ordinal);
        Assert.Contains("b Write part b writing high large a Two pages", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<input", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<textarea", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
    }

    private static Task<string> RenderForecastAsync(PlanForecast forecast) =>
        ComponentHtml.RenderAsync<PlanForecastPanel>(new Dictionary<string, object?> { ["Forecast"] = forecast });

    // Two tasks: $1.25 expected, $3.50 at worst.
    private static PlanForecast Forecast(decimal? budget, decimal spent) => new(
        [new TaskForecast("a", "small", 0.25m, 0.5m), new TaskForecast("b", "large", 1m, 3m)],
        1.25m,
        3.5m,
        budget,
        spent,
        budget is { } b ? Math.Max(0, b - spent) : null);

    private static PlanView Plan() => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), 1, PlanStatus.Draft, PlanSource.Model, "Two parts", null, 1.25m, Created, null, null,
        [
            Task("a", "Write part a", "Gather the sources.", TaskKind.Research, TaskComplexity.Low, "small", [], []),
            Task("b", "Write part b", "", TaskKind.Writing, TaskComplexity.High, "large", ["a"], ["Two pages"]),
        ],
        [["a"], ["b"]],
        ["a", "b"]);

    private static PlanTaskView Task(string key, string title, string description, TaskKind kind, TaskComplexity complexity, string tier, string[] dependsOn, string[] criteria) =>
        new(Guid.CreateVersion7(), key, title, description, kind, complexity, tier, [], criteria, 0, dependsOn, 0.25m, PlanTaskStatus.Pending, 0, null, null);

    /// <summary>The element with this test id, up to its own closing tag (the problem lists hold no nested div of the same id).</summary>
    private static string Element(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{testId} is not in the HTML");
        var open = html.LastIndexOf('<', start);
        var end = html.IndexOf("</div></div>", start, StringComparison.Ordinal);
        return html[open..(end + "</div></div>".Length)];
    }
}
