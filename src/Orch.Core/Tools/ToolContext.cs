using Orch.Core.Models;

namespace Orch.Core.Tools;

/// <summary>
/// Who is calling a tool: the run of a task of a project. <see cref="Workspace"/> is the absolute
/// path of the project's workspace folder, which file tools never leave; <see cref="Tier"/> the
/// tier the task runs on, for tools that call a model themselves.
/// </summary>
public sealed record ToolContext(Guid ProjectId, Guid PlanTaskId, Guid TaskRunId, int Attempt, string TaskKey, string Workspace, string? Tier = null)
{
    /// <summary>How a sub-call made by a tool is recorded: as this run's, for the tool's purpose.</summary>
    public UsageContext Usage => new(Budgets.UsagePurpose.Tool, ProjectId, PlanTaskId, TaskRunId, Attempt);
}
