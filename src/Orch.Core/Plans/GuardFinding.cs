namespace Orch.Core.Plans;

/// <summary>
/// One thing the input guard found: its kind, the rule that matched, where it is and what the policy
/// did with it. It deliberately holds no part of the matched text, so a finding can be logged, stored or
/// shown without leaking the secret it points at.
/// </summary>
/// <param name="Kind">What was found.</param>
/// <param name="Rule">The rule that matched, in words, e.g. "Anthropic API key".</param>
/// <param name="Offset">Zero-based character (UTF-16 code unit) offset of the match in the checked text.</param>
/// <param name="Length">Length of the match in characters.</param>
/// <param name="Line">One-based line of the match's first character.</param>
/// <param name="Column">One-based column of the match's first character, in characters.</param>
/// <param name="Policy">The policy configured for <paramref name="Kind"/>.</param>
public sealed record GuardFinding(GuardFindingKind Kind, string Rule, int Offset, int Length, int Line, int Column, GuardPolicy Policy)
{
    /// <summary>The snake-case name used in placeholders and messages, e.g. <c>api_key</c>.</summary>
    public string KindName => NameOf(Kind);

    /// <summary>What a redacted match is replaced with, e.g. <c>[REDACTED:api_key]</c>.</summary>
    public string Placeholder => $"[REDACTED:{KindName}]";

    /// <summary>Where and what, without the match: "api_key (Anthropic API key) at line 3, column 14 (offset 57, 108 characters)".</summary>
    public string Describe() => $"{KindName} ({Rule}) at line {Line}, column {Column} (offset {Offset}, {Length} characters)";

    public static string NameOf(GuardFindingKind kind) => kind switch
    {
        GuardFindingKind.PromptInjection => "prompt_injection",
        GuardFindingKind.ApiKey => "api_key",
        GuardFindingKind.PrivateKey => "private_key",
        GuardFindingKind.CreditCard => "credit_card",
        GuardFindingKind.Email => "email",
        GuardFindingKind.PhoneNumber => "phone_number",
        GuardFindingKind.Iban => "iban",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
