using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>The task detail's read model: definition, output and verdict, the log's attempts and calls, tool calls and files.</summary>
public sealed class TaskDetailReaderTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Detail_HasTheDefinition_TheOutputAndVerdict_EveryModelAndToolCall_AndTheFilesWithTheirSizes()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        var round = 0;
        model.Answer = call => call.IsJudge
            ? ScriptedModel.Judge("pass")
            : call.For("a")
                ? Interlocked.Increment(ref round) switch
                {
                    1 => ScriptedModel.ToolCall("write_file", """{"path":"notes/a.md","content":"hello"}"""),
                    2 => ScriptedModel.ToolCall("read_file", """{"path":"missing.md"}"""),
                    _ => ScriptedModel.Text("done: wrote notes/a.md"),
                }
                : ScriptedModel.Text("done");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(
            TestPlans.With(TestPlans.Checked("a", ["mentions the notes"], ["write_file", "read_file"]), TestPlans.Task("b", "a")), Ct);
        Assert.Equal(ProjectStatus.Completed, (await engine.WaitForEndAsync(project, Ct)).Status);
        var reader = engine.Get<TaskDetailReader>();

        var detail = await reader.ReadAsync(project, "a", Ct);

        Assert.StartsWith("test ", detail.ProjectName, StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Completed, detail.ProjectStatus);
        Assert.Equal(("a", "Task a", "Do the work of a."), (detail.Task.Key, detail.Task.Title, detail.Task.Description));
        Assert.Equal((TaskKind.Writing, TaskComplexity.Low), (detail.Task.Kind, detail.Task.Complexity));
        Assert.Equal(["mentions the notes"], detail.Task.AcceptanceCriteria);
        Assert.Equal(["write_file", "read_file"], detail.Task.Tools);
        Assert.Equal(PlanTaskStatus.Completed, detail.Task.Status);
        Assert.Equal(("done: wrote notes/a.md", "pass"), (detail.Output.Output, detail.Output.Verdict));

        var attempt = Assert.Single(detail.Log.Attempts);
        Assert.Equal((1, RunStatus.Succeeded), (attempt.Attempt, attempt.Status));
        // Three rounds of the tool loop and the judge's call, each with tokens and cost, adding up to the attempt's.
        Assert.Equal(4, detail.Log.Calls.Count);
        Assert.All(detail.Log.Calls, c => Assert.True(c.InputTokens > 0 && c.OutputTokens > 0 && c.CostUsd > 0 && c.RunId == attempt.RunId));
        Assert.Equal(attempt.CostUsd, detail.Log.Calls.Sum(c => c.CostUsd));

        Assert.Equal(2, detail.ToolCalls.Count);
        var write = detail.ToolCalls[0];
        Assert.Equal(("write_file", true, (int?)1, attempt.RunId), (write.Tool, write.Ok, write.Attempt, write.RunId));
        Assert.Contains("notes/a.md", write.Arguments, StringComparison.Ordinal);
        Assert.Contains("hello", write.Arguments, StringComparison.Ordinal);
        Assert.Equal(["notes/a.md"], write.Files);
        Assert.Equal(write.Result.Length, write.ResultChars);
        var read = detail.ToolCalls[1];
        Assert.Equal(("read_file", false), (read.Tool, read.Ok));
        Assert.Contains("missing.md", read.Result, StringComparison.Ordinal);
        Assert.Empty(read.Files);
        Assert.True(write.Sequence < read.Sequence);

        Assert.Equal([new WrittenFile("notes/a.md", 1, 5)], detail.Files);
        Assert.Contains(detail.Log.Entries, e => e.Type == "task.completed");

        var b = await reader.ReadAsync(project, "b", Ct);
        Assert.Equal(["a"], b.Task.DependsOn);
        Assert.Empty(b.ToolCalls);
        Assert.Empty(b.Files);
    }

    [Fact]
    public async Task AFileRemovedFromTheWorkspace_IsListed_WithoutASize()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        var round = 0;
        model.Answer = _ => Interlocked.Increment(ref round) == 1
            ? ScriptedModel.ToolCall("write_file", """{"path":"out.txt","content":"12345678"}""")
            : ScriptedModel.Text("done");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Checked("a", [], ["write_file"])), Ct);
        await engine.WaitForEndAsync(project, Ct);
        var reader = engine.Get<TaskDetailReader>();
        Assert.Equal([new WrittenFile("out.txt", 1, 8)], (await reader.ReadAsync(project, "a", Ct)).Files);

        File.Delete(Path.Combine(engine.Get<Orch.Core.Tools.Workspaces>().For(project), "out.txt"));

        Assert.Equal([new WrittenFile("out.txt", 1, null)], (await reader.ReadAsync(project, "a", Ct)).Files);
    }

    [Fact]
    public async Task AnUnknownProjectOrKey_IsNotFound_AndABadKey_IsRefusedClearly()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct);
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a")), Ct, execute: false);
        var drafted = await engine.Get<ProjectService>().CreateAsync(new NewProject("drafted only"), Ct);
        await engine.Get<PlanService>().CreateDraftFromJsonAsync(
            drafted.Id, "test requirements", System.Text.Json.JsonSerializer.Serialize(TestPlans.With(TestPlans.Task("a"))), PlanSource.Manual, Ct);
        var reader = engine.Get<TaskDetailReader>();
        var unknown = Guid.NewGuid();

        var noProject = await Assert.ThrowsAsync<NotFoundException>(() => reader.ReadAsync(unknown, "a", Ct));
        var noTask = await Assert.ThrowsAsync<NotFoundException>(() => reader.ReadAsync(project, "zz", Ct));
        var notApproved = await Assert.ThrowsAsync<NotFoundException>(() => reader.ReadAsync(drafted.Id, "a", Ct));

        Assert.Equal($"No project has the id {unknown}.", noProject.Message);
        Assert.Equal(("project", "task", "task"), (noProject.Entity, noTask.Entity, notApproved.Entity));
        Assert.Contains("'zz'", noTask.Message, StringComparison.Ordinal);
        foreach (var (key, expected) in new[] { ("  ", "is required"), ("a\0b", "NUL"), (new string('k', 5_000), "at most 200") })
        {
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => reader.ReadAsync(project, key, Ct));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("a", (await reader.ReadAsync(project, "a", Ct)).Task.Key);
    }
}
