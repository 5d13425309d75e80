using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Events;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Starts and steers execution: execute an approved plan, pause, resume, cancel; retry, skip,
/// accept or cancel a task. Each action is one transaction that checks the state it expects and
/// appends its events; running attempts in this process are cancelled through their tokens, those
/// on other nodes at their next heartbeat.
/// </summary>
public sealed class ExecutionService(
    IDbContextFactory<OrchDbContext> contextFactory,
    GroupCommit commits,
    TaskProgress progress,
    RunningTasks running,
    DispatchSignal signal,
    EventFactory events,
    TimeProvider clock)
{
    private static readonly PlanTaskStatus[] Cancellable =
        [PlanTaskStatus.Pending, PlanTaskStatus.Ready, PlanTaskStatus.Running, PlanTaskStatus.Verifying, PlanTaskStatus.Review, PlanTaskStatus.Blocked];

    /// <summary>Runs the project's approved plan: tasks with no dependencies become ready at once.</summary>
    public async Task<ControlResult> ExecuteAsync(Guid projectId, string requestedBy, CancellationToken cancellationToken)
    {
        var by = InputRules.RequiredText(requestedBy, "requested_by", 200);
        return await InProjectAsync(projectId, async (db, project, now) =>
        {
            switch (project.Status)
            {
                case ProjectStatus.Running:
                    return new ControlResult(false, "the project is already running", project.Status);
                case ProjectStatus.Paused:
                    throw new InvalidInputException("project_id", "the project is paused; resume it instead");
                case ProjectStatus.Draft:
                    throw new InvalidInputException("project_id", "the project has no approved plan; approve its plan first");
                case ProjectStatus.Completed or ProjectStatus.Cancelled:
                    throw new InvalidInputException("project_id", $"the project is {project.Status.ToString().ToLowerInvariant()}; it cannot run again");
                case ProjectStatus.Failed:
                    throw new InvalidInputException("project_id", "the project failed; retry or skip its failed tasks to run it again");
            }

            var plan = await db.Plans.SingleOrDefaultAsync(p => p.ProjectId == projectId && p.Status == PlanStatus.Approved, cancellationToken)
                ?? throw new InvalidInputException("project_id", "the project has no approved plan; approve its plan first");
            var tasks = await db.PlanTasks.Where(t => t.PlanId == plan.Id).ToListAsync(cancellationToken);
            Transition(db, project, ProjectStatus.Running, now, null);
            db.Events.Add(events.Create(EventTypes.ProjectExecuted, projectId, null, new JsonObject
            {
                ["plan_id"] = plan.Id,
                ["version"] = plan.Version,
                ["tasks"] = tasks.Count,
                ["by"] = by,
            }));
            foreach (var task in tasks.Where(t => t.DependsOn.Count == 0 && t.Status == PlanTaskStatus.Pending))
            {
                task.TransitionTo(PlanTaskStatus.Ready, now);
                db.Events.Add(events.Create(EventTypes.TaskReady, projectId, task.Id, new JsonObject { ["key"] = task.Key }));
            }

            return new ControlResult(true, $"running {tasks.Count} tasks of plan version {plan.Version}", ProjectStatus.Running);
        }, cancellationToken);
    }

    /// <summary>No new task starts; running ones finish.</summary>
    public Task<ControlResult> PauseAsync(Guid projectId, string requestedBy, CancellationToken cancellationToken) =>
        ControlAsync(projectId, "pause", requestedBy, (db, project, now) =>
        {
            if (project.Status != ProjectStatus.Running)
            {
                return Task.FromResult(NoOp(project, $"the project is {Lower(project.Status)}, not running; nothing to pause"));
            }

            Transition(db, project, ProjectStatus.Paused, now, "paused by a person");
            return Task.FromResult(new ControlResult(true, "paused: no new task starts; running ones finish", project.Status));
        }, cancellationToken);

    /// <summary>Runs a paused project again; tasks stopped by the budget are put back.</summary>
    public Task<ControlResult> ResumeAsync(Guid projectId, string requestedBy, CancellationToken cancellationToken) =>
        ControlAsync(projectId, "resume", requestedBy, async (db, project, now) =>
        {
            if (project.Status != ProjectStatus.Paused)
            {
                return NoOp(project, $"the project is {Lower(project.Status)}, not paused; nothing to resume");
            }

            var plan = await ApprovedPlanAsync(db, projectId, cancellationToken);
            Transition(db, project, ProjectStatus.Running, now, null);
            var stopped = await db.PlanTasks.Where(t => t.PlanId == plan && t.Status == PlanTaskStatus.BudgetExceeded).ToListAsync(cancellationToken);
            foreach (var task in stopped)
            {
                task.Requeue(now, null, null);
                db.Events.Add(events.Create(EventTypes.TaskReady, projectId, task.Id, new JsonObject { ["key"] = task.Key, ["reason"] = "resumed after the budget stopped it" }));
            }

            await progress.SettleProjectAsync(db, projectId, plan, now, cancellationToken);
            return new ControlResult(true, stopped.Count > 0 ? $"resumed; {stopped.Count} task(s) stopped by the budget run again" : "resumed", project.Status);
        }, cancellationToken);

    /// <summary>Cancels the project: every task not finished is cancelled, running attempts stop and give back their reservations.</summary>
    public async Task<ControlResult> CancelAsync(Guid projectId, string requestedBy, CancellationToken cancellationToken)
    {
        var result = await ControlAsync(projectId, "cancel", requestedBy, async (db, project, now) =>
        {
            if (project.Status is ProjectStatus.Completed or ProjectStatus.Cancelled)
            {
                return NoOp(project, $"the project is already {Lower(project.Status)}; nothing to cancel");
            }

            var tasks = await db.PlanTasks.Where(t => t.ProjectId == projectId && Cancellable.Contains(t.Status)).ToListAsync(cancellationToken);
            foreach (var task in tasks)
            {
                task.End(PlanTaskStatus.Cancelled, "the project was cancelled", now);
                db.Events.Add(events.Create(EventTypes.TaskCancelled, projectId, task.Id, new JsonObject { ["key"] = task.Key, ["reason"] = "project cancelled" }));
            }

            Transition(db, project, ProjectStatus.Cancelled, now, "cancelled by a person");
            return new ControlResult(true, $"cancelled; {tasks.Count} unfinished task(s) cancelled", project.Status);
        }, cancellationToken);
        if (result.Changed)
        {
            running.CancelProject(projectId);
        }

        return result;
    }

    /// <summary>Runs a failed, stopped or reviewed task again; a failed project runs again with it.</summary>
    public Task<ControlResult> RetryTaskAsync(Guid taskId, string requestedBy, CancellationToken cancellationToken) =>
        OnTaskAsync(taskId, "retry", requestedBy, async (db, project, task, now) =>
        {
            if (task.Status is not (PlanTaskStatus.Failed or PlanTaskStatus.BudgetExceeded or PlanTaskStatus.Review))
            {
                throw new InvalidInputException("task_id", $"task '{task.Key}' is {Lower(task.Status)}; only a failed, budget-stopped or reviewed task can be retried");
            }

            task.Requeue(now, null, null);
            db.Events.Add(events.Create(EventTypes.TaskReady, project.Id, task.Id, new JsonObject { ["key"] = task.Key, ["reason"] = "retried by a person" }));
            await progress.UnblockDownstreamAsync(db, task, now, cancellationToken);
            Reopen(db, project, now);
            return new ControlResult(true, $"task '{task.Key}' will run again", project.Status);
        }, cancellationToken);

    /// <summary>
    /// Skips a task that is not running: it counts as done with an empty output for its dependents,
    /// which may then run.
    /// </summary>
    public Task<ControlResult> SkipTaskAsync(Guid taskId, string requestedBy, CancellationToken cancellationToken) =>
        OnTaskAsync(taskId, "skip", requestedBy, async (db, project, task, now) =>
        {
            if (!StatusTransitions.PlanTask.IsAllowed(task.Status, PlanTaskStatus.Skipped))
            {
                throw new InvalidInputException("task_id", $"task '{task.Key}' is {Lower(task.Status)} and cannot be skipped");
            }

            task.End(PlanTaskStatus.Skipped, "skipped by a person", now);
            db.Events.Add(events.Create(EventTypes.TaskSkipped, project.Id, task.Id, new JsonObject
            {
                ["key"] = task.Key,
                ["effect"] = "counts as done with an empty output; its dependents may run",
            }));
            await progress.UnblockDownstreamAsync(db, task, now, cancellationToken);
            await progress.ReleaseDependentsAsync(db, task, now, cancellationToken);
            Reopen(db, project, now);
            await progress.SettleProjectAsync(db, project.Id, task.PlanId, now, cancellationToken);
            return new ControlResult(true, $"task '{task.Key}' skipped; it counts as done with an empty output", project.Status);
        }, cancellationToken);

    /// <summary>A person accepts the result of a task waiting for review: it completes, and its dependents may run.</summary>
    public Task<ControlResult> AcceptTaskAsync(Guid taskId, string requestedBy, CancellationToken cancellationToken) =>
        OnTaskAsync(taskId, "accept", requestedBy, async (db, project, task, now) =>
        {
            if (task.Status != PlanTaskStatus.Review)
            {
                throw new InvalidInputException("task_id", $"task '{task.Key}' is {Lower(task.Status)}; only a task waiting for review can be accepted");
            }

            var output = await db.TaskRuns.Where(r => r.PlanTaskId == task.Id).OrderByDescending(r => r.Attempt).Select(r => r.Output).FirstOrDefaultAsync(cancellationToken);
            task.Complete(output ?? string.Empty, now);
            db.Events.Add(events.Create(EventTypes.TaskCompleted, project.Id, task.Id, new JsonObject { ["key"] = task.Key, ["verdict"] = "accepted by a person" }));
            await progress.ReleaseDependentsAsync(db, task, now, cancellationToken);
            await progress.SettleProjectAsync(db, project.Id, task.PlanId, now, cancellationToken);
            return new ControlResult(true, $"task '{task.Key}' accepted", project.Status);
        }, cancellationToken);

    /// <summary>Cancels one task (running or not); everything downstream of it is blocked.</summary>
    public async Task<ControlResult> CancelTaskAsync(Guid taskId, string requestedBy, CancellationToken cancellationToken)
    {
        var result = await OnTaskAsync(taskId, "cancel", requestedBy, async (db, project, task, now) =>
        {
            if (!Cancellable.Contains(task.Status))
            {
                return NoOp(project, $"task '{task.Key}' is already {Lower(task.Status)}; nothing to cancel");
            }

            task.End(PlanTaskStatus.Cancelled, "cancelled by a person", now);
            db.Events.Add(events.Create(EventTypes.TaskCancelled, project.Id, task.Id, new JsonObject { ["key"] = task.Key, ["reason"] = "cancelled by a person" }));
            await progress.BlockDownstreamAsync(db, task, cancellationToken);
            await progress.SettleProjectAsync(db, project.Id, task.PlanId, now, cancellationToken);
            return new ControlResult(true, $"task '{task.Key}' cancelled", project.Status);
        }, cancellationToken);
        if (result.Changed)
        {
            running.CancelTasks([taskId]);
        }

        return result;
    }

    private Task<ControlResult> ControlAsync(Guid projectId, string action, string requestedBy, Func<OrchDbContext, Project, DateTimeOffset, Task<ControlResult>> apply, CancellationToken cancellationToken)
    {
        var by = InputRules.RequiredText(requestedBy, "requested_by", 200);
        return InProjectAsync(projectId, async (db, project, now) =>
        {
            var result = await apply(db, project, now);
            db.Events.Add(events.Create(EventTypes.ControlRequested, projectId, null, new JsonObject
            {
                ["action"] = action,
                ["by"] = by,
                ["changed"] = result.Changed,
                ["message"] = result.Message,
            }));
            return result;
        }, cancellationToken);
    }

    private async Task<ControlResult> OnTaskAsync(Guid taskId, string action, string requestedBy, Func<OrchDbContext, Project, PlanTask, DateTimeOffset, Task<ControlResult>> apply, CancellationToken cancellationToken)
    {
        Guid projectId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            projectId = await db.PlanTasks.Where(t => t.Id == taskId).Select(t => (Guid?)t.ProjectId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("task", taskId.ToString());
        }

        return await ControlAsync(projectId, $"{action} task", requestedBy, async (db, project, now) =>
        {
            var task = await db.PlanTasks.SingleAsync(t => t.Id == taskId, cancellationToken);
            if (project.Status is ProjectStatus.Cancelled or ProjectStatus.Completed && action == "cancel")
            {
                return NoOp(project, $"the project is already {Lower(project.Status)}; task '{task.Key}' is {Lower(task.Status)}, nothing to cancel");
            }

            if (project.Status is ProjectStatus.Cancelled or ProjectStatus.Completed)
            {
                throw new InvalidInputException("task_id", $"the project is {Lower(project.Status)}; its tasks no longer change");
            }

            return await apply(db, project, task, now);
        }, cancellationToken);
    }

    private async Task<ControlResult> InProjectAsync(Guid projectId, Func<OrchDbContext, Project, DateTimeOffset, Task<ControlResult>> apply, CancellationToken cancellationToken)
    {
        ControlResult result;
        try
        {
            result = await commits.RunAsync(async (db, ct) =>
            {
                var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct)
                    ?? throw new NotFoundException("project", projectId.ToString());
                return await apply(db, project, clock.GetUtcNow());
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException("project", projectId.ToString(), ex);
        }

        if (result.Changed)
        {
            signal.Notify();
        }

        return result;
    }

    private static async Task<Guid> ApprovedPlanAsync(OrchDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        await db.Plans.Where(p => p.ProjectId == projectId && p.Status == PlanStatus.Approved).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken)
        ?? throw new InvalidInputException("project_id", "the project has no approved plan");

    /// <summary>A failed project runs again once one of its tasks does.</summary>
    private void Reopen(OrchDbContext db, Project project, DateTimeOffset now)
    {
        if (project.Status == ProjectStatus.Failed)
        {
            Transition(db, project, ProjectStatus.Running, now, null);
        }
    }

    private void Transition(OrchDbContext db, Project project, ProjectStatus next, DateTimeOffset now, string? reason)
    {
        var from = project.Status;
        project.TransitionTo(next, now, reason);
        db.Events.Add(events.Create(EventTypes.ProjectStatusChanged, project.Id, null, new JsonObject
        {
            ["from"] = from.ToString(),
            ["to"] = next.ToString(),
            ["reason"] = reason,
        }));
    }

    private static ControlResult NoOp(Project project, string message) => new(false, message, project.Status);

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
