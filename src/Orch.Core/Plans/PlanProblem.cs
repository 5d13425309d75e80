namespace Orch.Core.Plans;

/// <summary>
/// One thing wrong with a plan. <paramref name="Code"/> is stable for programs (<c>cycle</c>,
/// <c>unknown_dependency</c>, <c>invalid_field</c>…); <paramref name="Path"/> points at the field
/// (<c>tasks[2].title</c>); <paramref name="Keys"/> names the tasks concerned, a cycle as its path.
/// </summary>
public sealed record PlanProblem(string Code, string Message, string? Path = null, IReadOnlyList<string>? Keys = null);
