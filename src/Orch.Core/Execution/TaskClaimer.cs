using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orch.Core.Events;
using Orch.Core.Models;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Claims ready tasks for this node, highest priority first, in one transaction under the dispatch
/// lock: the global and per-project limits are counted over every node, each claimed task gets its
/// run row, its lease and its <c>task.started</c> event together.
/// </summary>
public sealed class TaskClaimer(
    IDbContextFactory<OrchDbContext> contextFactory,
    GroupCommit commits,
    IOptionsMonitor<ExecutionOptions> options,
    NodeIdentity node,
    EventFactory events,
    TimeProvider clock)
{
    private static readonly PlanTaskStatus[] Busy = [PlanTaskStatus.Running, PlanTaskStatus.Verifying];

    /// <summary>Claims up to <paramref name="slots"/> tasks; fewer (or none) when the limits or the ready queue say so.</summary>
    public async Task<IReadOnlyList<ClaimedRun>> ClaimAsync(int slots, CancellationToken cancellationToken)
    {
        if (slots <= 0)
        {
            return [];
        }

        // A cheap look first, outside the lock: most polls find nothing to do.
        await using (var look = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await ReadyQuery(look, clock.GetUtcNow()).AnyAsync(cancellationToken))
            {
                return [];
            }
        }

        // Urgent: every ready task waits for it.
        return await commits.RunAsync((db, ct) => ClaimAsync(db, slots, ct), cancellationToken, urgent: true);
    }

    private async Task<IReadOnlyList<ClaimedRun>> ClaimAsync(OrchDbContext db, int slots, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        // Tasks the assistant is doing take none of Orch's slots.
        var busy = await db.PlanTasks.Where(t => Busy.Contains(t.Status) && (t.Tier == null || t.Tier != AssistantTier.Name)).GroupBy(t => t.ProjectId)
            .Select(g => new { Project = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Project, g => g.Count, cancellationToken);
        var free = Math.Min(slots, settings.MaxConcurrentTasks - busy.Values.Sum());
        if (free <= 0)
        {
            return [];
        }

        var candidates = await ReadyQuery(db, now).Take(Math.Max(free * 4, 64)).ToListAsync(cancellationToken);
        var claims = new List<ClaimedRun>();
        foreach (var task in candidates)
        {
            var running = busy.GetValueOrDefault(task.ProjectId);
            if (running >= settings.MaxConcurrentTasksPerProject)
            {
                continue;
            }

            busy[task.ProjectId] = running + 1;
            task.TransitionTo(PlanTaskStatus.Running, now);
            var run = new TaskRun(Guid.CreateVersion7(), task.ProjectId, task.Id, task.Attempts, now);
            run.Start(node.Id, null, null, null, now);
            run.Lease(now.AddSeconds(settings.LeaseSeconds));
            db.TaskRuns.Add(run);
            db.Events.Add(events.Create(EventTypes.TaskStarted, task.ProjectId, task.Id, new JsonObject
            {
                ["key"] = task.Key,
                ["run_id"] = run.Id,
                ["attempt"] = run.Attempt,
                ["worker"] = node.Id,
            }));
            claims.Add(new ClaimedRun(run.Id, task.Id, task.ProjectId, task.PlanId, run.Attempt, task.ToDefinition(), task.Escalation, task.Feedback));
            if (claims.Count == free)
            {
                break;
            }
        }

        return claims;
    }

    private static IQueryable<PlanTask> ReadyQuery(OrchDbContext db, DateTimeOffset now) =>
        from task in db.PlanTasks
        join project in db.Projects on task.ProjectId equals project.Id
        where task.Status == PlanTaskStatus.Ready && project.Status == ProjectStatus.Running && (task.NotBefore == null || task.NotBefore <= now)
        // The assistant's tasks wait for the assistant (next_task), never for a model of Orch's.
        where task.Tier == null || task.Tier != AssistantTier.Name
        orderby task.Priority descending, task.Position
        select task;
}
