using Microsoft.EntityFrameworkCore;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>Recovery takes back runs whose lease expired, a bounded number of times, and leaves live leases alone.</summary>
public sealed class RunRecoveryTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task ExpiredLeases_AreTakenBack_UpToTheCap_ThenTheTaskFails_AndLiveLeasesAreLeftAlone()
    {
        // This node runs nothing itself: the test plays the worker that claims and then dies.
        await using var engine = await EngineHost.StartAsync(StoreKind.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["Orch:Execution:RunTasks"] = "false",
            ["Orch:Execution:MaxInterruptions"] = "2",
            ["Orch:Execution:LeaseSeconds"] = "600",
            ["Orch:Execution:RecoverySeconds"] = "3600",
        });
        var project = await engine.RunPlanAsync(TestPlans.With(TestPlans.Task("a")), Ct);
        var claimer = engine.Get<TaskClaimer>();
        var recovery = engine.Get<RunRecovery>();

        var live = Assert.Single(await claimer.ClaimAsync(1, Ct));
        Assert.Equal(0, await recovery.RecoverAsync(Ct));
        Assert.Equal(PlanTaskStatus.Running, await StatusAsync(engine, live.TaskId));

        for (var round = 1; round <= 3; round++)
        {
            if (round > 1)
            {
                Assert.Single(await claimer.ClaimAsync(1, Ct));
            }

            await using (var db = engine.Db())
            {
                var past = DateTimeOffset.UtcNow.AddMinutes(-1);
                await db.TaskRuns.Where(r => r.Status == RunStatus.Running).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, past), Ct);
            }

            Assert.Equal(1, await recovery.RecoverAsync(Ct));
            Assert.Equal(round <= 2 ? PlanTaskStatus.Ready : PlanTaskStatus.Failed, await StatusAsync(engine, live.TaskId));
        }

        var view = await engine.Get<ProjectRunReader>().ReadAsync(project, Ct);
        Assert.Equal(ProjectStatus.Failed, view.Status);
        Assert.Contains("interrupted 3 times", view.Tasks.Single().Error, StringComparison.Ordinal);
        await using var check = engine.Db();
        Assert.Equal(3, await check.TaskRuns.CountAsync(r => r.Status == RunStatus.Interrupted, Ct));
    }

    private static async Task<PlanTaskStatus> StatusAsync(EngineHost engine, Guid taskId)
    {
        await using var db = engine.Db();
        return await db.PlanTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync(Ct);
    }
}
