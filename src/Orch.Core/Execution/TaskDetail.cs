using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Core.Execution;

/// <summary>
/// Everything about one task of a running plan, for its detail view: its project's name and status (which say
/// whether the task may still change), its definition and state, its output and
/// verdict, its full log (attempts, model calls, events), the tool calls read from that log, and the files it wrote.
/// </summary>
public sealed record TaskDetail(
    string ProjectName,
    ProjectStatus ProjectStatus,
    PlanTaskView Task,
    TaskOutputView Output,
    TaskLog Log,
    IReadOnlyList<ToolCallView> ToolCalls,
    IReadOnlyList<WrittenFile> Files);
