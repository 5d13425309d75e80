namespace Orch.Core.Plans;

/// <summary>
/// A text the input guard refused. The message names each blocking finding's kind, rule and position
/// and the setting that would let it through, but never any part of the matched text: the message may
/// reach logs, the dashboard and the assistant, and the match may be a secret.
/// </summary>
public sealed class InputBlockedException(string field, IReadOnlyList<GuardFinding> findings) : OrchException(Describe(field, findings))
{
    private const int ListedInMessage = 20;

    /// <summary>The input that was refused, e.g. <c>requirements</c>.</summary>
    public string Field { get; } = field;

    /// <summary>The findings whose policy is Block.</summary>
    public IReadOnlyList<GuardFinding> Findings { get; } = findings;

    private static string Describe(string field, IReadOnlyList<GuardFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var lines = findings.Take(ListedInMessage).Select(f => "- " + f.Describe());
        var more = findings.Count > ListedInMessage ? $"{Environment.NewLine}- … and {findings.Count - ListedInMessage} more" : string.Empty;
        var kinds = string.Join(", ", findings.Select(f => $"{InputGuardOptions.SectionName}:{f.Kind}").Distinct());
        var noun = findings.Count == 1 ? "finding" : "findings";
        return $"{field} was refused by the input guard: {findings.Count} {noun} that must not be sent to a model."
            + $"{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}"
            + $"{Environment.NewLine}Remove them, or set {kinds} to Redact or Allow.";
    }
}
