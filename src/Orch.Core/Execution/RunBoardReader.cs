using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Reads a project's <see cref="RunBoard"/>: the run as status reads it, then the newest plan version and every
/// attempt in two narrow queries, so that a plan of thousands of tasks reads in a few queries, not one per task.
/// </summary>
public sealed class RunBoardReader(IDbContextFactory<OrchDbContext> contextFactory, ProjectRunReader runs)
{
    /// <exception cref="NotFoundException">No project has the id.</exception>
    public async Task<RunBoard> ReadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var run = await runs.ReadAsync(projectId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.Plans.AsNoTracking().Where(p => p.ProjectId == projectId)
            .OrderByDescending(p => p.Version)
            .Select(p => new LatestPlan(p.Id, p.Version, p.Status))
            .FirstOrDefaultAsync(cancellationToken);
        var spans = await db.TaskRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
            .Select(r => new AttemptSpan(r.PlanTaskId, r.Attempt, r.Status, r.Tier, r.Model, r.StartedAt, r.EndedAt))
            .ToListAsync(cancellationToken);
        // Only the attempts of the run's own plan version; ordered here, as SQLite cannot sort by time.
        var shown = run.Tasks.Select(t => t.Id).ToHashSet();
        return new RunBoard(
            run,
            latest,
            [.. spans.Where(s => shown.Contains(s.TaskId)).OrderBy(s => s.StartedAt ?? DateTimeOffset.MaxValue).ThenBy(s => s.TaskId).ThenBy(s => s.Attempt)]);
    }
}
