namespace Orch.Core.Plans;

/// <summary>
/// What the validator found. When <see cref="IsValid"/>: a topological order, the parallel
/// levels ("waves": every task's dependencies lie in earlier levels) and the critical path.
/// </summary>
public sealed record GraphAnalysis(
    IReadOnlyList<GraphProblem> Problems,
    IReadOnlyList<string> Order,
    IReadOnlyList<IReadOnlyList<string>> Levels,
    IReadOnlyList<string> CriticalPath,
    long CriticalPathWeight)
{
    public bool IsValid => Problems.Count == 0;

    internal static GraphAnalysis Invalid(IReadOnlyList<GraphProblem> problems) => new(problems, [], [], [], 0);
}
