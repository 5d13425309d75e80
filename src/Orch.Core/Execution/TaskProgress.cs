using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Events;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// How one task's change moves the rest of its plan, inside the caller's transaction: dependents
/// become ready when every dependency is done, are blocked when one failed, unblocked when it is
/// retried or skipped; and the project ends when nothing can progress any more.
/// </summary>
public sealed class TaskProgress(PlanGraphs graphs, EventFactory events)
{
    private static readonly PlanTaskStatus[] Active = [PlanTaskStatus.Ready, PlanTaskStatus.Running, PlanTaskStatus.Verifying, PlanTaskStatus.Review];

    /// <summary>Done, as its dependents see it: completed, or skipped on purpose.</summary>
    public static bool IsDone(PlanTaskStatus status) => status is PlanTaskStatus.Completed or PlanTaskStatus.Skipped;

    /// <summary>Failed in a way that keeps its dependents from running until a person acts.</summary>
    public static bool IsStopped(PlanTaskStatus status) =>
        status is PlanTaskStatus.Failed or PlanTaskStatus.BudgetExceeded or PlanTaskStatus.Cancelled or PlanTaskStatus.Blocked;

    /// <summary>Makes ready each dependent of <paramref name="task"/> whose dependencies are now all done. Returns how many.</summary>
    public async Task<int> ReleaseDependentsAsync(OrchDbContext db, PlanTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(task);
        var graph = await graphs.GetAsync(db, task.PlanId, cancellationToken);
        var dependents = graph.DependentsOf(task.Key);
        if (dependents.Count == 0)
        {
            return 0;
        }

        var released = 0;
        var keys = dependents.Concat(dependents.SelectMany(graph.DependenciesOf)).Distinct(StringComparer.Ordinal).ToList();
        var tasks = await LoadAsync(db, task.PlanId, keys, cancellationToken);
        tasks[task.Key] = task;
        foreach (var key in dependents)
        {
            var dependent = tasks[key];
            if (dependent.Status == PlanTaskStatus.Pending && graph.DependenciesOf(key).All(d => IsDone(tasks[d].Status)))
            {
                dependent.TransitionTo(PlanTaskStatus.Ready, now);
                db.Events.Add(events.Create(EventTypes.TaskReady, dependent.ProjectId, dependent.Id, new JsonObject { ["key"] = dependent.Key }));
                released++;
            }
        }

        return released;
    }

    /// <summary>
    /// A task was just made ready, so the project keeps running and cannot be waiting only for a
    /// person: what settling would conclude, without counting its tasks.
    /// </summary>
    public static Task ProgressedAsync(OrchDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        db.Projects.Where(p => p.Id == projectId && p.Status == ProjectStatus.Running && p.StatusReason != null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.StatusReason, (string?)null), cancellationToken);

    /// <summary>Blocks everything downstream of a task that stopped, so that none of it runs. Returns how many.</summary>
    public async Task<int> BlockDownstreamAsync(OrchDbContext db, PlanTask stopped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stopped);
        var graph = await graphs.GetAsync(db, stopped.PlanId, cancellationToken);
        var downstream = graph.DownstreamOf(stopped.Key).ToList();
        if (downstream.Count == 0)
        {
            return 0;
        }

        var blocked = 0;
        foreach (var task in (await LoadAsync(db, stopped.PlanId, downstream, cancellationToken)).Values)
        {
            if (task.Status == PlanTaskStatus.Pending)
            {
                task.End(PlanTaskStatus.Blocked, $"blocked by task '{stopped.Key}' ({stopped.Status})", events.Now);
                db.Events.Add(events.Create(EventTypes.TaskBlocked, task.ProjectId, task.Id, new JsonObject { ["key"] = task.Key, ["blocked_by"] = stopped.Key }));
                blocked++;
            }
        }

        return blocked;
    }

    /// <summary>
    /// After a stopped task was retried or skipped: its downstream tasks that nothing else stops go
    /// back to waiting, and those whose dependencies are all done become ready.
    /// </summary>
    public async Task UnblockDownstreamAsync(OrchDbContext db, PlanTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(task);
        var graph = await graphs.GetAsync(db, task.PlanId, cancellationToken);
        var all = await db.PlanTasks.Where(t => t.PlanId == task.PlanId).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, cancellationToken);
        all[task.Key] = task;
        // Nearest first, so that a task's dependencies are settled before it is looked at.
        foreach (var key in graph.DownstreamOf(task.Key))
        {
            var current = all[key];
            var dependencies = graph.DependenciesOf(key).Select(d => all[d].Status).ToList();
            if (current.Status != PlanTaskStatus.Blocked || dependencies.Any(IsStopped))
            {
                continue;
            }

            current.TransitionTo(PlanTaskStatus.Pending, now);
            db.Events.Add(events.Create(EventTypes.TaskUnblocked, current.ProjectId, current.Id, new JsonObject { ["key"] = key, ["by"] = task.Key }));
            if (dependencies.All(IsDone))
            {
                current.TransitionTo(PlanTaskStatus.Ready, now);
                db.Events.Add(events.Create(EventTypes.TaskReady, current.ProjectId, current.Id, new JsonObject { ["key"] = key }));
            }
        }
    }

    /// <summary>
    /// Ends a running project when nothing can progress: completed when every task is done, failed
    /// (naming the tasks that stopped it) when the rest cannot run. A task waiting for a person keeps
    /// it running, with the reason saying so.
    /// </summary>
    public async Task SettleProjectAsync(OrchDbContext db, Guid projectId, Guid planId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Saved (not committed) first, so that the counts below see the changes being made with it.
        await db.SaveChangesAsync(cancellationToken);
        var project = await db.Projects.SingleAsync(p => p.Id == projectId, cancellationToken);
        if (project.Status != ProjectStatus.Running)
        {
            return;
        }

        var moving = await db.PlanTasks.Where(t => t.PlanId == planId && Active.Contains(t.Status))
            .Select(t => new { t.Key, t.Status }).Take(50).ToListAsync(cancellationToken);
        if (moving.Count > 0)
        {
            var waiting = moving.All(t => t.Status == PlanTaskStatus.Review)
                ? $"waiting for a person on {Names(moving.Select(t => t.Key))}"
                : null;
            if (waiting != project.StatusReason && (waiting is not null || project.StatusReason?.StartsWith("waiting", StringComparison.Ordinal) == true))
            {
                project.Explain(waiting, now);
            }

            return;
        }

        var counts = await db.PlanTasks.Where(t => t.PlanId == planId).GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var total = counts.Sum(c => c.Count);
        var done = counts.Where(c => IsDone(c.Status)).Sum(c => c.Count);
        var from = project.Status;
        if (done == total)
        {
            project.TransitionTo(ProjectStatus.Completed, now, $"all {total} tasks done");
        }
        else
        {
            var stoppers = await db.PlanTasks.Where(t => t.PlanId == planId && t.Status != PlanTaskStatus.Blocked && t.Status != PlanTaskStatus.Completed && t.Status != PlanTaskStatus.Skipped)
                .OrderBy(t => t.Position).Select(t => new { t.Key, t.Status, t.Error }).Take(5).ToListAsync(cancellationToken);
            var first = stoppers.FirstOrDefault();
            var reason = first is null
                ? $"{total - done} of {total} tasks cannot run"
                : $"task '{first.Key}' {first.Status.ToString().ToLowerInvariant()}{(first.Error is { Length: > 0 } e ? $": {Short(e)}" : string.Empty)}; {total - done} of {total} tasks not done";
            project.TransitionTo(ProjectStatus.Failed, now, reason);
        }

        db.Events.Add(events.Create(EventTypes.ProjectStatusChanged, projectId, null, new JsonObject
        {
            ["from"] = from.ToString(),
            ["to"] = project.Status.ToString(),
            ["reason"] = project.StatusReason,
        }));
    }

    private static async Task<Dictionary<string, PlanTask>> LoadAsync(OrchDbContext db, Guid planId, List<string> keys, CancellationToken cancellationToken) =>
        await db.PlanTasks.Where(t => t.PlanId == planId && keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, cancellationToken);

    private static string Names(IEnumerable<string> keys) => string.Join(", ", keys.Take(5).Select(k => $"'{k}'"));

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
