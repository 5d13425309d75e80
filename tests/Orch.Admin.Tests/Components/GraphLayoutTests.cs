using Orch.Admin.Components.Graph;

namespace Orch.Admin.Tests.Components;

public sealed class GraphLayoutTests
{
    private static GraphTask Task(string key, params string[] dependsOn) => new(key, "Title of " + key, dependsOn, "pending");

    [Fact]
    public void Columns_FollowTheLongestChain_AndEveryArrowPointsRight()
    {
        var layout = GraphLayout.Of([Task("a"), Task("b", "a"), Task("c", "a"), Task("d", "b", "c"), Task("e", "a", "d")]);

        var x = layout.Nodes.ToDictionary(n => n.Task.Key, n => n.X);
        Assert.Equal(x["b"], x["c"]);
        Assert.True(x["a"] < x["b"] && x["b"] < x["d"] && x["d"] < x["e"]);
        Assert.Equal(6, layout.Edges.Count);
        Assert.All(layout.Edges, e => Assert.True(e.X1 < e.X2));
        Assert.True(layout.Width >= layout.Nodes.Max(n => n.X) + GraphLayout.NodeWidth);
        Assert.True(layout.Height >= layout.Nodes.Max(n => n.Y) + GraphLayout.NodeHeight);
    }

    [Fact]
    public void ABrokenDraft_StillDraws_WithoutTheUnknownDependencyOrTheEdgeThatClosesACycle()
    {
        var layout = GraphLayout.Of([Task("a", "c"), Task("b", "a"), Task("c", "b"), Task("d", "nowhere")]);

        Assert.Equal(4, layout.Nodes.Count);
        Assert.Equal(2, layout.Edges.Count);
        Assert.All(layout.Edges, e => Assert.True(e.X1 < e.X2));
        Assert.DoesNotContain(layout.Edges, e => e.From == "nowhere");
    }

    [Fact]
    public void ALongChain_IsLaidOutWithoutRecursion()
    {
        var tasks = Enumerable.Range(0, 20_000).Select(i => i == 0 ? Task("t0") : Task("t" + i, "t" + (i - 1))).ToList();

        var layout = GraphLayout.Of(tasks);

        Assert.Equal(20_000, layout.Nodes.Count);
        Assert.Equal(19_999, layout.Edges.Count);
    }

    [Fact]
    public void NoTasks_GiveAnEmptyDrawing_AndDuplicateKeysAreDrawnOnce()
    {
        Assert.Empty(GraphLayout.Of([]).Nodes);
        Assert.Single(GraphLayout.Of([Task("a"), Task("a")]).Nodes);
    }

    [Fact]
    public async Task TheComponent_DrawsABoxPerTask_WithItsState_AndLinksWhenAsked()
    {
        IReadOnlyList<GraphTask> tasks = [new("research", "Find <sources>", [], "completed"), new("write", "Write it", ["research"], "running")];
        Func<string, string?> href = key => "/projects/x/tasks/" + key;

        var html = await ComponentHtml.RenderAsync<TaskGraph>(new Dictionary<string, object?> { ["Tasks"] = tasks, ["NodeHref"] = href });

        Assert.Contains("data-testid=\"graph-node-research\" data-state=\"completed\"", html, StringComparison.Ordinal);
        Assert.Contains("orch-graph-running", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/projects/x/tasks/write\"", html, StringComparison.Ordinal);
        Assert.Contains("Find &lt;sources&gt;", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"orch-graph-edge\""));
    }
}
