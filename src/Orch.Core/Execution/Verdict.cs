namespace Orch.Core.Execution;

/// <summary>The verifier's answer on one attempt's result.</summary>
/// <param name="Kind"><c>pass</c>, <c>gaps</c> or <c>needs_person</c>.</param>
/// <param name="Detail">What is missing, or why a person must decide.</param>
/// <param name="InputTokens">What the judge's call used, if there was one.</param>
/// <param name="OutputTokens">What the judge's call produced.</param>
/// <param name="CostMicros">What the judge's call cost.</param>
public sealed record Verdict(string Kind, string? Detail, long InputTokens = 0, long OutputTokens = 0, long CostMicros = 0)
{
    public const string Pass = "pass";
    public const string Gaps = "gaps";
    public const string NeedsPerson = "needs_person";

    public bool Passed => Kind == Pass;
}
