namespace Orch.Core.Plans;

/// <summary>One thing wrong with a task graph, with the task keys it concerns (for a cycle, its path).</summary>
public sealed record GraphProblem(GraphProblemKind Kind, string Message, IReadOnlyList<string> Keys);
