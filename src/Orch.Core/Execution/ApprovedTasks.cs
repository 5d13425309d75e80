using Microsoft.EntityFrameworkCore;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>Finds a task of a project's approved plan by the key the hosts show as its id.</summary>
internal static class ApprovedTasks
{
    /// <exception cref="NotFoundException">The approved plan has no task with that key.</exception>
    public static async Task<PlanTask> FindAsync(OrchDbContext db, Guid projectId, string key, CancellationToken cancellationToken)
    {
        var wanted = InputRules.RequiredText(key, "task_id", 200);
        return await (from t in db.PlanTasks.AsNoTracking()
                      join p in db.Plans on t.PlanId equals p.Id
                      where t.ProjectId == projectId && t.Key == wanted && p.Status == PlanStatus.Approved
                      select t).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("task", $"'{wanted}' of an approved plan of project {projectId}");
    }
}
