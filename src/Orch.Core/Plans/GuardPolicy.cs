namespace Orch.Core.Plans;

/// <summary>What the input guard does with a finding of one kind.</summary>
/// <remarks>Block is the zero value on purpose: a policy that was never set fails closed.</remarks>
public enum GuardPolicy
{
    /// <summary>The text is refused with an error naming what was found and where, never the match itself.</summary>
    Block,

    /// <summary>The match is replaced by a placeholder such as <c>[REDACTED:email]</c> and the text goes on.</summary>
    Redact,

    /// <summary>The finding is reported and the text goes on unchanged.</summary>
    Allow,
}
