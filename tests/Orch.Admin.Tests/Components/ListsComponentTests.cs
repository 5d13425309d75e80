using Orch.Admin.Components.Lists;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Admin.Tests.Components;

/// <summary>The list of projects and the approvals queue rendered to HTML from known rows, and the filter the list applies.</summary>
public sealed class ListsComponentTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 14, 12, 0, 0, TimeSpan.Zero);

    private static readonly Guid WebsiteId = Guid.Parse("0197a5e4-0000-7000-8000-000000000001");

    private static readonly IReadOnlyList<ProjectListItem> Projects =
    [
        new(WebsiteId, "Website", ProjectStatus.Running, null, 2, PlanStatus.Draft, new ProjectProgress(3, 2, 1, 0), 1.75m, 5m, Now.AddMinutes(-5)),
        new(Guid.NewGuid(), "Quarterly report", ProjectStatus.Failed, "Task write failed: the model refused.", 1, PlanStatus.Approved, new ProjectProgress(4, 1, 0, 2), 0.0375m, null, Now.AddHours(-3)),
        new(Guid.NewGuid(), "Idea", ProjectStatus.Draft, null, null, null, ProjectProgress.None, 0m, 1m, Now.AddDays(-2)),
    ];

    [Fact]
    public async Task ProjectsTable_ShowsEachProjectsStatusPlanProgressSpendAndActivity_AndLinksToIt()
    {
        var html = await ComponentHtml.RenderAsync<ProjectsTable>(new Dictionary<string, object?> { ["Projects"] = Projects, ["Now"] = Now });
        var text = ComponentHtml.Text(html);

        Assert.Contains("Website Running v2 · draft 2 of 3 finished · 1 running $1.75 of $5.00 5 min ago", text, StringComparison.Ordinal);
        Assert.Contains("Quarterly report Task write failed: the model refused. Failed v1 · approved 1 of 4 finished · 2 failed $0.0375 · no budget 3 h ago", text, StringComparison.Ordinal);
        Assert.Contains("Idea Draft no plan no tasks $0.00 of $1.00 2 days ago", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/{WebsiteId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/{WebsiteId}/plan\"", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "data-testid=\"project-row\""));
        Assert.Contains("aria-label=\"67 % of the tasks finished\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"35 % of the budget spent\"", html, StringComparison.Ordinal);
        Assert.Contains("rz-progressbar-danger", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectsTable_EncodesHostileNames()
    {
        var hostile = new ProjectListItem(Guid.NewGuid(), "<script>alert(1)</script>", ProjectStatus.Draft, "<img src=x onerror=alert(2)>", null, null, ProjectProgress.None, 0m, null, Now);

        var html = await ComponentHtml.RenderAsync<ProjectsTable>(new Dictionary<string, object?> { ["Projects"] = new[] { hostile }, ["Now"] = Now });

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, new[] { "Website", "Quarterly report", "Idea" })]
    [InlineData("", null, new[] { "Website", "Quarterly report", "Idea" })]
    [InlineData("  REPORT ", null, new[] { "Quarterly report" })]
    [InlineData("e", null, new[] { "Website", "Quarterly report", "Idea" })]
    [InlineData("e", ProjectStatus.Draft, new[] { "Idea" })]
    [InlineData(null, ProjectStatus.Failed, new[] { "Quarterly report" })]
    [InlineData(null, ProjectStatus.Completed, new string[0])]
    [InlineData("%", null, new string[0])]
    [InlineData("<script>", null, new string[0])]
    [InlineData("web\0site", null, new string[0])]
    public void ProjectFilter_MatchesNamesInAnyCase_AndTheStatusChosen(string? search, ProjectStatus? status, string[] expected) =>
        Assert.Equal(expected, ProjectFilter.Apply(Projects, search, status).Select(p => p.Name));

    [Fact]
    public void ProjectFilter_LooksForNothingLongerThanAName()
    {
        Assert.Empty(ProjectFilter.Apply(Projects, new string('e', ProjectFilter.MaxSearchLength + 1), null));
        Assert.Same(Projects, ProjectFilter.Apply(Projects, "   ", null));
    }

    [Fact]
    public async Task ApprovalsTable_ShowsVersionTasksForecastAgainstWhatIsLeft_AndLinksToTheReview()
    {
        var projectId = Guid.NewGuid();
        var approvals = new[]
        {
            new PendingApproval(Guid.NewGuid(), projectId, "Website", 3, PlanSource.Model, "Build and deploy", 12, 0.42m, 2m, 0.5m, Now.AddMinutes(-30)),
            new PendingApproval(Guid.NewGuid(), Guid.NewGuid(), "Tight", 1, PlanSource.Manual, null, 2, 3m, 1m, 0.25m, Now.AddSeconds(-10)),
            new PendingApproval(Guid.NewGuid(), Guid.NewGuid(), "Open", 1, PlanSource.Workflow, null, 1, 0m, null, 0m, Now.AddDays(-1)),
        };

        var html = await ComponentHtml.RenderAsync<ApprovalsTable>(new Dictionary<string, object?> { ["Approvals"] = approvals, ["Now"] = Now });
        var text = ComponentHtml.Text(html);

        Assert.Contains("Website Build and deploy v3 · planned 12 $0.42 expected · $1.50 of $2.00 left 30 min ago Review", text, StringComparison.Ordinal);
        Assert.Contains("Tight v1 · by hand 2 $3.00 expected · $0.75 of $1.00 left more than the budget has left just now Review", text, StringComparison.Ordinal);
        Assert.Contains("Open v1 · workflow 1 $0.00 expected · no budget 1 day ago Review", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, $"href=\"/projects/{projectId}/plan\""));
        Assert.Equal(1, CountOf(html, "data-testid=\"over-budget\""));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(-120, "just now")]
    [InlineData(59, "just now")]
    [InlineData(60, "1 min ago")]
    [InlineData(3599, "59 min ago")]
    [InlineData(3600, "1 h ago")]
    [InlineData(86_399, "23 h ago")]
    [InlineData(86_400, "1 day ago")]
    [InlineData(400 * 86_400, "400 days ago")]
    public void Ago_SaysHowLongAgo_InTheLargestWholeUnit(int seconds, string expected) =>
        Assert.Equal(expected, Ago.Text(Now.AddSeconds(-seconds), Now));

    private static int CountOf(string html, string part) => (html.Length - html.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
