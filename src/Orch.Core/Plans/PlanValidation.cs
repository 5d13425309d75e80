namespace Orch.Core.Plans;

/// <summary>The verdict on a plan document: its problems, or its normalised tasks and graph.</summary>
public sealed record PlanValidation(
    IReadOnlyList<PlanProblem> Problems,
    string? Summary,
    IReadOnlyList<PlanTaskDefinition> Tasks,
    GraphAnalysis? Graph)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Throws <see cref="PlanValidationException"/> listing every problem, unless there are none.</summary>
    public PlanValidation EnsureValid() => IsValid ? this : throw new PlanValidationException(Problems);
}
