using System.Diagnostics;
using System.Text.Json;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Tests.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>The run view's read model: the run, the newest plan version, and every attempt with its start, end and outcome.</summary>
public sealed class RunBoardReaderTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Board_HasEveryAttempt_WithItsStartEndOutcomeAndTier_InTheOrderTheyStarted()
    {
        await using var model = await ScriptedModel.StartAsync(Ct);
        // b's first attempt meets an overloaded provider; its second succeeds.
        var failures = 1;
        model.Answer = call => call.For("b") && Interlocked.Decrement(ref failures) >= 0
            ? OpenAiWire.Error(503, "server_error", "overloaded")
            : ScriptedModel.Text("done");
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, model.Settings());
        var project = await engine.RunPlanAsync(TestPlans.Diamond(), Ct);
        Assert.Equal(ProjectStatus.Completed, (await engine.WaitForEndAsync(project, Ct)).Status);

        var board = await engine.Get<RunBoardReader>().ReadAsync(project, Ct);

        Assert.Equal(ProjectStatus.Completed, board.Run.Status);
        Assert.Equal(new LatestPlan(board.Run.PlanId!.Value, 1, PlanStatus.Approved), board.LatestPlan);
        var key = board.Run.Tasks.ToDictionary(t => t.Id, t => t.Key);
        Assert.Equal(["a", "b", "b", "c", "d"], board.Attempts.Select(a => key[a.TaskId]).Order(StringComparer.Ordinal));
        Assert.All(board.Attempts, a =>
        {
            Assert.NotNull(a.StartedAt);
            Assert.NotNull(a.EndedAt);
            Assert.True(a.StartedAt <= a.EndedAt, $"attempt {a.Attempt} of {key[a.TaskId]} ended before it started");
            Assert.False(string.IsNullOrEmpty(a.Model));
            Assert.NotNull(a.Tier);
        });
        var b = board.Attempts.Where(a => key[a.TaskId] == "b").ToList();
        Assert.Equal([1, 2], b.Select(a => a.Attempt));
        Assert.NotEqual(RunStatus.Succeeded, b[0].Status);
        Assert.Equal(RunStatus.Succeeded, b[1].Status);
        Assert.Equal(board.Attempts.OrderBy(a => a.StartedAt).Select(a => (a.TaskId, a.Attempt)), board.Attempts.Select(a => (a.TaskId, a.Attempt)));
        Assert.Equal("a", key[board.Attempts[0].TaskId]);
        Assert.Equal("d", key[board.Attempts[^1].TaskId]);
    }

    [Fact]
    public async Task ANewerDraft_IsTheLatestPlan_WhileTheBoardShowsTheApprovedVersion()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct);
        var project = await engine.RunPlanAsync(TestPlans.Diamond(), Ct, execute: false);
        var revised = await engine.Get<PlanService>().CreateDraftFromJsonAsync(
            project, "test requirements", JsonSerializer.Serialize(TestPlans.With(TestPlans.Task("only"))), PlanSource.Manual, Ct);

        var board = await engine.Get<RunBoardReader>().ReadAsync(project, Ct);

        Assert.Equal(new LatestPlan(revised.Id, 2, PlanStatus.Draft), board.LatestPlan);
        Assert.Equal(1, board.Run.PlanVersion);
        Assert.Equal(["a", "b", "c", "d"], board.Run.Tasks.Select(t => t.Key));
        Assert.Empty(board.Attempts);
    }

    [Fact]
    public async Task AProjectWithoutAPlan_HasNoLatestPlan_AndAnUnknownProject_IsNotFound()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite, Ct);
        var project = await store.Get<ProjectService>().CreateAsync(new NewProject("no plan yet"), Ct);
        var reader = store.Get<RunBoardReader>();

        var board = await reader.ReadAsync(project.Id, Ct);
        var unknown = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<NotFoundException>(() => reader.ReadAsync(unknown, Ct));

        Assert.Null(board.LatestPlan);
        Assert.Empty(board.Run.Tasks);
        Assert.Empty(board.Attempts);
        Assert.Equal($"No project has the id {unknown}.", error.Message);
    }

    [Fact]
    public async Task AThousandTaskPlan_ReadsInWellUnderASecond()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct);
        var project = await engine.RunPlanAsync(TestPlans.Random(1_000, seed: 11), Ct, execute: false);
        var reader = engine.Get<RunBoardReader>();
        await reader.ReadAsync(project, Ct);

        var timer = Stopwatch.StartNew();
        var board = await reader.ReadAsync(project, Ct);
        timer.Stop();

        Assert.Equal(1_000, board.Run.Tasks.Count);
        Assert.Equal(1_000, board.Run.TaskCounts[nameof(PlanTaskStatus.Pending)]);
        // Generous for a busy machine: a read per task would take seconds.
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(1), $"read in {timer.Elapsed.TotalMilliseconds:F0} ms");
    }
}
