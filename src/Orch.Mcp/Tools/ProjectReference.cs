using Orch.Core;
using Orch.Core.Projects;

namespace Orch.Mcp.Tools;

/// <summary>A project named by the assistant: an id, an existing project's exact name, or a name for a new one.</summary>
internal static class ProjectReference
{
    public static async Task<(Guid? Id, string? NewName)> ResolveAsync(ProjectService projects, string? project, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(project))
        {
            return (null, null);
        }

        if (Guid.TryParse(project, out var id))
        {
            return (id, null);
        }

        var existing = await projects.FindByNameAsync(project.Trim(), cancellationToken);
        return existing is null ? (null, project.Trim()) : (existing.Id, null);
    }
}
