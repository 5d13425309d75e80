namespace Orch.Core.Plans;

/// <summary>A plan with problems; all of them are listed, not only the first.</summary>
public sealed class PlanValidationException(IReadOnlyList<PlanProblem> problems) : OrchException(Describe(problems))
{
    private const int ListedInMessage = 20;

    public IReadOnlyList<PlanProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<PlanProblem> problems)
    {
        var lines = problems.Take(ListedInMessage).Select(p => "- " + (p.Path is null ? p.Message : $"{p.Path}: {p.Message}"));
        var more = problems.Count > ListedInMessage ? $"{Environment.NewLine}- … and {problems.Count - ListedInMessage} more" : string.Empty;
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"The plan has {problems.Count} {noun}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
