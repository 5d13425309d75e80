using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>
/// Everything about one task of a running plan, for its detail view: its definition and state, its output and
/// verdict, its full log (attempts, model calls, events), the tool calls read from that log, and the files it wrote.
/// </summary>
public sealed record TaskDetail(
    PlanTaskView Task,
    TaskOutputView Output,
    TaskLog Log,
    IReadOnlyList<ToolCallView> ToolCalls,
    IReadOnlyList<WrittenFile> Files);
