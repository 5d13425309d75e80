using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Execution;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>Tasks marked for the assistant: claimed under a lease, handed back, verified; the engine leaves them alone.</summary>
public sealed class AssistantWorkTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static object AssistantTask(string key, params string[] dependsOn) => new
    {
        key,
        title = $"Task {key}",
        description = $"Do the work of {key}.",
        kind = "writing",
        complexity = "low",
        tier = AssistantTier.Name,
        depends_on = dependsOn,
    };

    [Fact]
    public async Task TheEngine_RunsItsOwnTasks_AndLeavesTheAssistantsReady()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct);
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a"), AssistantTask("mine", "a"), TestPlans.Task("b", "a")), Ct);

        var view = await engine.WaitForAsync(project, v => v.Tasks.Single(t => t.Key == "b").Status == PlanTaskStatus.Completed, Ct);
        await Task.Delay(500, Ct);
        view = await engine.Get<ProjectRunReader>().ReadAsync(project, Ct);
        Assert.Equal(PlanTaskStatus.Ready, view.Tasks.Single(t => t.Key == "mine").Status);
        Assert.Equal(0, view.Tasks.Single(t => t.Key == "mine").Attempts);
        Assert.Equal(ProjectStatus.Running, view.Status);

        var work = engine.Get<AssistantWork>();
        var claim = await work.ClaimAsync(project, "assistant (tests)", Ct);
        Assert.Equal("mine", claim.Task!.Task.Key);
        Assert.Equal("Task a", Assert.Single(claim.Task.Dependencies).Title);
        var done = await work.SubmitAsync(new AssistantSubmission(claim.Task.RunId, "Done by hand.", null, "m", 10, 5, false), Ct);
        Assert.Equal(PlanTaskStatus.Completed, done.Status);
        Assert.Equal(ProjectStatus.Completed, (await engine.WaitForEndAsync(project, Ct)).Status);
    }

    [Fact]
    public async Task AnExpiredLease_PutsTheTaskBack_AndTheStaleClaimIsRefused()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["Orch:Execution:AssistantLeaseSeconds"] = "1",
        });
        var project = await engine.RunPlanAsync(TestPlans.With(AssistantTask("only")), Ct);
        var work = engine.Get<AssistantWork>();

        var first = (await work.ClaimAsync(project, "assistant (slow)", Ct)).Task!;
        Assert.Equal(1, first.Attempt);
        Assert.True(first.LeaseExpiresAt <= DateTimeOffset.UtcNow.AddSeconds(1.5));

        // Recovery (every second here) finds the lease expired and puts the task back in the pool.
        var ready = await engine.WaitForAsync(project, v => v.Tasks[0].Status == PlanTaskStatus.Ready, Ct);
        Assert.Contains("expired", ready.Tasks[0].Error, StringComparison.Ordinal);

        var second = (await work.ClaimAsync(project, "assistant (quick)", Ct)).Task!;
        Assert.Equal(2, second.Attempt);
        var stale = await Assert.ThrowsAsync<InvalidInputException>(() => work.SubmitAsync(new AssistantSubmission(first.RunId, "late", null, null, null, null, true), Ct));
        Assert.Contains("claim is closed", stale.Message, StringComparison.Ordinal);

        var result = await work.SubmitAsync(new AssistantSubmission(second.RunId, "On time.", null, null, null, null, true), Ct);
        Assert.Equal(PlanTaskStatus.Completed, result.Status);
        await using var db = engine.Db();
        Assert.Equal(1, await db.TaskRuns.CountAsync(r => r.Status == RunStatus.Interrupted, Ct));
        Assert.Equal("subscription", (await db.UsageRecords.SingleAsync(Ct)).Model);
    }

    [Fact]
    public async Task BadSubmissions_AreRefused_AndChangeNothing()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct);
        var project = await engine.RunPlanAsync(TestPlans.With(AssistantTask("only")), Ct);
        var work = engine.Get<AssistantWork>();
        var claim = (await work.ClaimAsync(project, "assistant", Ct)).Task!;
        var tooMany = Enumerable.Range(0, AssistantWork.MaxFiles + 1).Select(i => new SubmittedFile($"f{i}.txt", "x")).ToList();
        var huge = new string('x', engine.Get<IOptions<ExecutionOptions>>().Value.MaxFileBytes + 1);

        var refusals = new (AssistantSubmission Submission, string Expected)[]
        {
            (new(claim.RunId, "  ", null, "m", 1, 1, false), "output: is required"),
            (new(claim.RunId, "ok\0", null, "m", 1, 1, false), "NUL"),
            (new(claim.RunId, "ok", null, "m", -1, 1, false), "input_tokens: must be between 0"),
            (new(claim.RunId, "ok", null, "m", 1, null, false), "say what the work used"),
            (new(claim.RunId, "ok", null, null, 1, 1, false), "say what the work used"),
            (new(claim.RunId, "ok", tooMany, null, null, null, true), $"at most {AssistantWork.MaxFiles} files"),
            (new(claim.RunId, "ok", [new("a.txt", "1"), new("./a.txt", "2")], null, null, null, true), "is given twice"),
            (new(claim.RunId, "ok", [new("good.txt", "fine"), new("/etc/passwd", "x")], null, null, null, true), "/etc/passwd"),
            (new(claim.RunId, "ok", [new("big.txt", huge)], null, null, null, true), "bytes"),
            (new(Guid.NewGuid(), "ok", null, null, null, null, true), "No run has the id"),
        };
        foreach (var (submission, expected) in refusals)
        {
            var error = await Assert.ThrowsAnyAsync<OrchException>(() => work.SubmitAsync(submission, Ct));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        // Nothing was written: no file (not even the good one listed before a bad one), no usage, the claim still open.
        Assert.Empty(Directory.GetFiles(claim.Workspace));
        await using var db = engine.Db();
        Assert.Equal(0, await db.UsageRecords.CountAsync(Ct));
        Assert.Equal(RunStatus.Running, (await db.TaskRuns.SingleAsync(Ct)).Status);

        // An engine run's id is not a claim.
        var ours = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("x")), Ct);
        await engine.WaitForEndAsync(ours, Ct);
        var engineRun = await db.TaskRuns.Where(r => r.ProjectId == ours).Select(r => r.Id).SingleAsync(Ct);
        var notClaim = await Assert.ThrowsAsync<InvalidInputException>(() => work.SubmitAsync(new AssistantSubmission(engineRun, "ok", null, null, null, null, true), Ct));
        Assert.Contains("not a task claimed with next_task", notClaim.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gaps_SendTheTaskBackToTheAssistant_WithTheJudgesFeedback()
    {
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct);
        var task = new
        {
            key = "report",
            title = "Write the report",
            description = "A report on rivers.",
            kind = "writing",
            complexity = "low",
            tier = AssistantTier.Name,
            acceptance_criteria = new[] { "names the Danube and the Rhine" },
        };
        var project = await engine.RunPlanAsync(new { tasks = new[] { task } }, Ct);
        var work = engine.Get<AssistantWork>();

        var first = (await work.ClaimAsync(project, "assistant", Ct)).Task!;
        var judged = await work.SubmitAsync(new AssistantSubmission(first.RunId, "Some text about mountains.", null, "m", 5, 5, false), Ct);
        Assert.Equal(PlanTaskStatus.Ready, judged.Status);
        Assert.Equal("gaps", judged.Verdict);

        var again = (await work.ClaimAsync(project, "assistant", Ct)).Task!;
        Assert.Equal(2, again.Attempt);
        Assert.False(string.IsNullOrEmpty(again.Feedback));
        Assert.Equal(AssistantTier.Name, again.Task.Tier);
        var passed = await work.SubmitAsync(new AssistantSubmission(again.RunId, "The Danube and the Rhine are the rivers named in the report.", null, "m", 5, 5, false), Ct);
        Assert.Equal(PlanTaskStatus.Completed, passed.Status);
    }

    [Fact]
    public async Task ATierNamedAssistant_IsRefusedInConfiguration()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHost.StartAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["Orch:Models:Tiers:0:Name"] = "assistant",
            ["Orch:Models:Tiers:0:Provider"] = "offline",
            ["Orch:Models:Tiers:0:Model"] = "offline-rules",
            ["Orch:Models:PlanningTier"] = "assistant",
        }));
        Assert.Contains("reserved for tasks the calling assistant does itself", error.ToString(), StringComparison.Ordinal);
    }
}
