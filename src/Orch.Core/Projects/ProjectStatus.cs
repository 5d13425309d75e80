namespace Orch.Core.Projects;

/// <summary>Where a project stands. Allowed changes are in <see cref="StatusTransitions.Project"/>.</summary>
public enum ProjectStatus
{
    /// <summary>Planning: no plan version approved yet.</summary>
    Draft,

    /// <summary>A plan version is approved; nothing has started.</summary>
    Approved,

    Running,

    /// <summary>No new task starts; running ones finish.</summary>
    Paused,

    Completed,

    /// <summary>A task failed for good; retrying it runs the project again.</summary>
    Failed,

    Cancelled,
}
