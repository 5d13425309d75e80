namespace Orch.Admin.Components.Plans;

/// <summary>A problem of a proposed plan shown on one task's row, at a field (<c>title</c>, <c>depends_on</c>…, or <c>task</c> for the whole row).</summary>
public sealed record RowProblem(string Field, string Message);
