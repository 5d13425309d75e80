namespace Orch.Core.Plans;

/// <summary>
/// What the input guard made of a text. <see cref="Text"/> has every Redact <em>and</em> Block match
/// replaced by its placeholder, so a caller that forgot to look at <see cref="IsBlocked"/> still sends no
/// secret; a blocked text must not be sent all the same.
/// </summary>
/// <param name="Text">The text to pass on: the input with every non-Allow match replaced; the input itself when nothing was replaced.</param>
/// <param name="Findings">Every finding, in order of position, including allowed ones.</param>
public sealed record GuardResult(string Text, IReadOnlyList<GuardFinding> Findings)
{
    /// <summary>True when a finding's policy is Block.</summary>
    public bool IsBlocked => Findings.Any(f => f.Policy == GuardPolicy.Block);

    /// <summary>True when a finding's policy is Redact, so <see cref="Text"/> differs from the input.</summary>
    public bool IsRedacted => Findings.Any(f => f.Policy == GuardPolicy.Redact);

    /// <summary>The findings that block the text.</summary>
    public IReadOnlyList<GuardFinding> Blocking => [.. Findings.Where(f => f.Policy == GuardPolicy.Block)];

    /// <summary>Returns this result, or throws <see cref="InputBlockedException"/> naming <paramref name="field"/> when it is blocked.</summary>
    public GuardResult ThrowIfBlocked(string field) => IsBlocked ? throw new InputBlockedException(field, Blocking) : this;
}
