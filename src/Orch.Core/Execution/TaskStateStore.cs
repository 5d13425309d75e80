using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;
using Orch.Core.Tools;

namespace Orch.Core.Execution;

/// <summary>
/// Writes what became of an attempt. Each write is one transaction and a compare-and-set: it
/// applies only if the task and its run are still in the state the attempt left them in, so that a
/// task cancelled meanwhile never comes back as completed. Returns false when it did not apply.
/// </summary>
public sealed class TaskStateStore(GroupCommit commits, TaskProgress progress, KnowledgeIndex knowledge, EventFactory events, TimeProvider clock)
{
    private static readonly PlanTaskStatus[] Working = [PlanTaskStatus.Running, PlanTaskStatus.Verifying];

    /// <summary>The attempt answered: the task is being verified (its dependents still wait).</summary>
    public Task<bool> BeginVerifyAsync(ClaimedRun claim, RunResult result, CancellationToken cancellationToken) =>
        ApplyAsync(claim, [PlanTaskStatus.Running], (db, task, run, now) =>
        {
            run.Record(result);
            task.TransitionTo(PlanTaskStatus.Verifying, now);
            db.Events.Add(Event(EventTypes.TaskVerifying, task, run));
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The result passed: the task completes, its output becomes searchable, and its dependents may become ready.</summary>
    public Task<bool> CompleteAsync(ClaimedRun claim, RunResult result, Verdict verdict, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, async (db, task, run, now) =>
        {
            EnterVerifying(db, task, run, result, now);
            Judged(run, verdict);
            run.Succeed(result.Output ?? string.Empty, now);
            task.Complete(result.Output ?? string.Empty, now);
            db.Events.Add(Event(EventTypes.TaskCompleted, task, run, new JsonObject
            {
                ["tier"] = run.Tier,
                ["model"] = run.Model,
                ["cost_usd"] = Money.ToUsd(run.CostMicros),
                ["verdict"] = verdict.Kind,
            }));
            await knowledge.StageAsync(db, task.ProjectId, $"task:{task.Key}", task.Title, task.Output ?? string.Empty, cancellationToken);
            if (await progress.ReleaseDependentsAsync(db, task, now, cancellationToken) > 0)
            {
                await TaskProgress.ProgressedAsync(db, task.ProjectId, cancellationToken);
            }
            else
            {
                await progress.SettleProjectAsync(db, task.ProjectId, task.PlanId, now, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>A transient failure with attempts left: the task runs again after <paramref name="delay"/>.</summary>
    public Task<bool> RetryLaterAsync(ClaimedRun claim, RunResult result, TimeSpan delay, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, (db, task, run, now) =>
        {
            run.Record(result);
            run.Fail(result.Error ?? "transient failure", result.Output, now);
            task.Requeue(now, now + delay, result.Error);
            db.Events.Add(Event(EventTypes.TaskRetrying, task, run, new JsonObject
            {
                ["reason"] = "transient",
                ["error"] = result.Error,
                ["delay_ms"] = (long)delay.TotalMilliseconds,
            }));
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The verifier found gaps and retries are left: the next attempt gets its feedback, maybe a tier higher.</summary>
    public Task<bool> RetryWithFeedbackAsync(ClaimedRun claim, RunResult result, Verdict verdict, bool escalate, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, (db, task, run, now) =>
        {
            EnterVerifying(db, task, run, result, now);
            Judged(run, verdict);
            run.Fail($"the verifier found gaps: {verdict.Detail}", result.Output, now);
            task.RetryWithFeedback(verdict.Detail ?? "the result does not meet the acceptance criteria", escalate, now);
            db.Events.Add(Event(EventTypes.TaskRetrying, task, run, new JsonObject
            {
                ["reason"] = "gaps",
                ["feedback"] = verdict.Detail,
                ["escalated"] = escalate,
            }));
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A person has to decide: the verifier could not, or gaps remain with no retries left.</summary>
    public Task<bool> ReviewAsync(ClaimedRun claim, RunResult result, Verdict verdict, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, (db, task, run, now) =>
        {
            EnterVerifying(db, task, run, result, now);
            Judged(run, verdict);
            run.Succeed(result.Output ?? string.Empty, now);
            task.End(PlanTaskStatus.Review, $"{verdict.Kind}: {verdict.Detail}", now);
            db.Events.Add(Event(EventTypes.TaskReview, task, run, new JsonObject { ["verdict"] = verdict.Kind, ["detail"] = verdict.Detail }));
            return Task.CompletedTask;
        }, cancellationToken, settle: true);

    public Task<bool> FailAsync(ClaimedRun claim, RunResult result, Verdict? verdict, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, async (db, task, run, now) =>
        {
            run.Record(result);
            if (verdict is not null)
            {
                Judged(run, verdict);
            }

            var error = result.Error ?? verdict?.Detail ?? "failed";
            run.Fail(error, result.Output, now);
            task.End(PlanTaskStatus.Failed, error, now);
            var blocked = await progress.BlockDownstreamAsync(db, task, cancellationToken);
            db.Events.Add(Event(EventTypes.TaskFailed, task, run, new JsonObject { ["error"] = error, ["blocked"] = blocked }));
        }, cancellationToken, settle: true);

    /// <summary>A reservation was refused: the task stops with its partial result and the project pauses, naming the cap.</summary>
    public Task<bool> BudgetExceededAsync(ClaimedRun claim, RunResult result, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, async (db, task, run, now) =>
        {
            var refusal = result.Budget;
            var detail = refusal?.Message ?? result.Error ?? "a budget cap would have been passed";
            run.Record(result);
            run.ExceedBudget(result.Output, detail, now);
            task.End(PlanTaskStatus.BudgetExceeded, detail, now);
            db.Events.Add(Event(EventTypes.TaskBudgetExceeded, task, run, new JsonObject
            {
                ["cap"] = refusal?.Cap,
                ["needed_usd"] = refusal is null ? null : Money.ToUsd(refusal.NeededMicros),
                ["detail"] = detail,
            }));
            var project = await db.Projects.SingleAsync(p => p.Id == task.ProjectId, cancellationToken);
            if (project.Status == ProjectStatus.Running)
            {
                project.TransitionTo(ProjectStatus.Paused, now, $"paused: {detail}");
                db.Events.Add(events.Create(EventTypes.ProjectStatusChanged, project.Id, null, new JsonObject
                {
                    ["from"] = nameof(ProjectStatus.Running),
                    ["to"] = nameof(ProjectStatus.Paused),
                    ["reason"] = project.StatusReason,
                    ["cap"] = refusal?.Cap,
                    ["needed_usd"] = refusal is null ? null : Money.ToUsd(refusal.NeededMicros),
                }));
            }
        }, cancellationToken);

    /// <summary>The run stopped because its task or project was cancelled; the cancel itself wrote the task's state.</summary>
    public Task<bool> CancelledAsync(ClaimedRun claim, RunResult result, CancellationToken cancellationToken) =>
        ApplyAsync(claim, [.. Working, PlanTaskStatus.Cancelled], (db, task, run, now) =>
        {
            run.Record(result);
            run.Cancel(result.Output, now);
            if (task.Status != PlanTaskStatus.Cancelled)
            {
                task.End(PlanTaskStatus.Cancelled, "cancelled while running", now);
                db.Events.Add(Event(EventTypes.TaskCancelled, task, run));
            }

            return Task.CompletedTask;
        }, cancellationToken, settle: true);

    /// <summary>The run was lost (its node stopped or died): the task goes back to run again, or fails after too many.</summary>
    public Task<bool> InterruptAsync(ClaimedRun claim, string reason, int maxInterruptions, CancellationToken cancellationToken) =>
        ApplyAsync(claim, Working, async (db, task, run, now) => await InterruptAsync(db, task, run, reason, maxInterruptions, now, cancellationToken), cancellationToken, settle: true);

    /// <summary>Also used by recovery, for runs of nodes that died.</summary>
    internal async Task InterruptAsync(OrchDbContext db, PlanTask task, TaskRun run, string reason, int maxInterruptions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        run.Interrupt(reason, now);
        if (task.Interruptions + 1 > maxInterruptions)
        {
            var error = $"interrupted {task.Interruptions + 1} times (last: {reason}); not put back again";
            task.End(PlanTaskStatus.Failed, error, now);
            var blocked = await progress.BlockDownstreamAsync(db, task, cancellationToken);
            db.Events.Add(Event(EventTypes.TaskFailed, task, run, new JsonObject { ["error"] = error, ["blocked"] = blocked }));
            return;
        }

        task.Interrupted(now, reason);
        db.Events.Add(Event(EventTypes.TaskInterrupted, task, run, new JsonObject { ["reason"] = reason, ["requeued"] = true }));
    }

    private Task<bool> ApplyAsync(
        ClaimedRun claim,
        PlanTaskStatus[] expected,
        Func<OrchDbContext, PlanTask, TaskRun, DateTimeOffset, Task> apply,
        CancellationToken cancellationToken,
        bool settle = false) =>
        commits.RunAsync(async (db, ct) =>
        {
            var task = await db.PlanTasks.SingleAsync(t => t.Id == claim.TaskId, ct);
            var run = await db.TaskRuns.SingleAsync(r => r.Id == claim.RunId, ct);
            if (!expected.Contains(task.Status) || run.Status != Execution.RunStatus.Running)
            {
                // Moved on meanwhile (cancelled, skipped, taken back by recovery): this attempt's word no longer counts.
                return false;
            }

            var now = clock.GetUtcNow();
            await apply(db, task, run, now);
            if (settle)
            {
                await progress.SettleProjectAsync(db, task.ProjectId, task.PlanId, now, ct);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// A result checked without a judge's call goes through verification within the same write: the
    /// log still shows it verified before it counted.
    /// </summary>
    private void EnterVerifying(OrchDbContext db, PlanTask task, TaskRun run, RunResult result, DateTimeOffset now)
    {
        run.Record(result);
        if (task.Status == PlanTaskStatus.Running)
        {
            task.TransitionTo(PlanTaskStatus.Verifying, now);
            db.Events.Add(Event(EventTypes.TaskVerifying, task, run));
        }
    }

    private static void Judged(TaskRun run, Verdict verdict)
    {
        run.Judge(verdict.Kind, verdict.Detail);
        run.AddVerification(verdict.InputTokens, verdict.OutputTokens, verdict.CostMicros);
    }

    private OrchEvent Event(string type, PlanTask task, TaskRun run, JsonObject? details = null)
    {
        details ??= [];
        details["key"] = task.Key;
        details["run_id"] = run.Id;
        details["attempt"] = run.Attempt;
        return events.Create(type, task.ProjectId, task.Id, details);
    }
}
