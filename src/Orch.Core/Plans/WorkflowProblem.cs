namespace Orch.Core.Plans;

/// <summary>
/// One thing wrong with how a workflow file is written, at its 1-based <paramref name="Line"/> and
/// <paramref name="Column"/> (in characters); <paramref name="Path"/> names the field
/// (<c>tasks[2].priority</c>) when there is one.
/// </summary>
public sealed record WorkflowProblem(string Message, int Line, int Column, string? Path = null);
