using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Testing;

namespace Orch.Core.Tests.Storage;

/// <summary>Rows that the storage contracts build on: a project, a plan task under it, a task definition.</summary>
internal static class StorageSamples
{
    private static CancellationToken Ct => TestTimeout.Token;

    internal static PlanTaskDefinition Definition(string key, params string[] dependsOn) =>
        new(key, $"Task {key}", string.Empty, TaskKind.Other, TaskComplexity.Medium, null, [], [], 0, dependsOn, 0);

    internal static async Task<Project> AddProjectAsync(TestStore store)
    {
        var project = new Project(Guid.CreateVersion7(), "Test project", null, null, store.Clock.GetUtcNow());
        await using var db = store.Db();
        db.Projects.Add(project);
        await db.SaveChangesAsync(Ct);
        return project;
    }

    internal static async Task<(Project Project, PlanTask Task)> AddTaskAsync(TestStore store)
    {
        var project = await AddProjectAsync(store);
        var plan = new Plan(Guid.CreateVersion7(), project.Id, 1, PlanSource.Manual, "r", null, null, [Definition("only")], Guid.CreateVersion7, store.Clock.GetUtcNow());
        await using var db = store.Db();
        db.Plans.Add(plan);
        await db.SaveChangesAsync(Ct);
        return (project, plan.Tasks[0]);
    }
}
