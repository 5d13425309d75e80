namespace Orch.Admin.Components.Plans;

/// <summary>
/// The problems of a proposed plan placed where a person fixes them: on a task's row and field when Core names the
/// task (by its position or its key), else on the plan as a whole. <see cref="All"/> lists each once, in Core's order.
/// </summary>
public sealed record PlanProblems(
    IReadOnlyDictionary<string, IReadOnlyList<RowProblem>> ByRow,
    IReadOnlyList<string> General,
    IReadOnlyList<string> All)
{
    public static PlanProblems None { get; } = new(new Dictionary<string, IReadOnlyList<RowProblem>>(), [], []);

    public IReadOnlyList<RowProblem> For(string rowId) => ByRow.TryGetValue(rowId, out var problems) ? problems : [];

    /// <summary>The messages on a row's field, for the text under its input.</summary>
    public IReadOnlyList<string> For(string rowId, string field) => [.. For(rowId).Where(p => p.Field == field).Select(p => p.Message)];
}
