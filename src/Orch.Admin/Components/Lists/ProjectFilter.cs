using Orch.Core.Projects;

namespace Orch.Admin.Components.Lists;

/// <summary>Which projects the list shows: those whose name contains the search, in any case, with the status chosen (all when none).</summary>
internal static class ProjectFilter
{
    /// <summary>No project name is longer (<see cref="Project.MaxNameLength"/>): a longer search matches nothing, and is not looked for.</summary>
    public const int MaxSearchLength = Project.MaxNameLength;

    public static IReadOnlyList<ProjectListItem> Apply(IReadOnlyList<ProjectListItem> projects, string? search, ProjectStatus? status)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var text = search?.Trim() ?? "";
        if (text.Length > MaxSearchLength)
        {
            return [];
        }

        if (text.Length == 0 && status is null)
        {
            return projects;
        }

        return [.. projects.Where(p => (status is null || p.Status == status) && p.Name.Contains(text, StringComparison.OrdinalIgnoreCase))];
    }
}
