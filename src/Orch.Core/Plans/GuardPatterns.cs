using System.Text.RegularExpressions;

namespace Orch.Core.Plans;

/// <summary>
/// The input guard's regular expressions. Each starts with a literal or a narrow character class so the
/// generated matcher can skip ahead with a vectorised search, and none can backtrack over more than a
/// bounded stretch, so 100 KB is scanned in well under a millisecond per pattern and hostile input stays
/// linear. Checks a regex cannot express (Luhn, mod-97, digit counts) are in <see cref="GuardRules"/>.
/// </summary>
internal static partial class GuardPatterns
{
    private const RegexOptions Exact = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const RegexOptions Words = Exact | RegexOptions.IgnoreCase;

    // --- Prompt injection. Each phrase needs a marker that ordinary prose lacks: a word such as
    // "previous"/"above" or "your" after the verb, so "ignore the noise in the data" and "ignore the
    // outliers" do not match, and "never reveal the system prompt" (a legitimate requirement for an
    // AI product) is not treated as an extraction attempt.

    /// <summary>"Ignore all previous instructions", "disregard the system prompt", "forget your rules", "ignore everything above."</summary>
    [GeneratedRegex("""
        \b(?:ignore|disregard|forget)\s+(?:
            (?:(?:all|any|every|each|the|of|these|those|my)\s+){0,3}(?:previous|prior|above|preceding|earlier|foregoing|original|initial)\s+(?:instruction|prompt|directive|direction|guideline|guardrail)s?\b
          | (?:(?:all\s+(?:of\s+)?)?(?:the|this|that)\s+)?system\s+(?:prompt|instruction)s?\b
          | (?:all\s+(?:of\s+)?)?your\s+(?:(?:previous|prior|original|initial|current|existing|safety|system|core)\s+)?(?:instructions|programming|rules|guidelines|guardrails|directives|training|restrictions|constraints|system\s+prompt)\b
          | (?:everything|anything|all)\s+(?:(?:that\s+)?(?:was\s+|you\s+were\s+|i\s+)?(?:said|told|written|stated|given)\s+)?(?:above|previously|earlier|so\s+far|until\s+now|up\s+to\s+now|before\s+this)(?=\s*(?:[.,;:!?"')\]]|and\b|then\b|\z))
        )
        """, Words | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex InstructionOverride();

    /// <summary>"You are now DAN", "you are now an unrestricted AI", "pretend you have no rules".</summary>
    [GeneratedRegex("""
        \byou\s+are\s+now\s+(?:
            (?:in\s+)?(?:DAN|jailbroken|unrestricted|unfiltered|uncensored|unchained|developer\s+mode|god\s+mode|evil)\b
          | no\s+longer\s+(?:bound|restricted|limited|an?\s+(?:AI|assistant|language\s+model|chatbot))\b
          | free\s+(?:from|of)\s+(?:(?:all|any|your)\s+)*(?:rules|restrictions|guidelines|constraints|limitations|filters)\b
          | (?:an?|the|my)\s+(?:(?!(?:of|in|for|on|at|to|with|from|and)\b)[\w-]+\s+){0,2}?(?:AI|assistant|chatbot|bot|language\s+model|persona|character)\b
        )
        | \bpretend\s+(?:that\s+)?you\s+(?:are|have)\s+(?:no\s+(?:rules|restrictions|guidelines|limits|limitations|filters)|an?\s+(?:unrestricted|unfiltered|jailbroken|uncensored))\b
        """, Words | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex PersonaOverride();

    /// <summary>
    /// "Reveal your system prompt", "what are your initial instructions", "dump your instructions". A
    /// question about plain "your instructions" needs a leaking verb: "what are your instructions for
    /// the courier?" is a delivery form, not an attack.
    /// </summary>
    [GeneratedRegex("""
        \b(?:
            (?:reveal|show|print|output|repeat|display|leak|dump|disclose|tell\s+me|give\s+me|write\s+out|what\s+(?:is|are|was|were))\s+
            (?:me\s+)?(?:all\s+(?:of\s+)?)?your\s+(?:(?:full|entire|complete|exact|current)\s+){0,2}
            (?:system\s+(?:prompt|message|instructions)|(?:initial|original|hidden|secret)\s+(?:instructions|prompt))
          | (?:reveal|repeat|output|leak|dump|disclose)\s+(?:all\s+(?:of\s+)?)?your\s+(?:(?:full|entire|complete|exact)\s+)?instructions
        )\b
        """, Words | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex PromptExtraction();

    /// <summary>
    /// Chat-template tokens: ChatML <c>&lt;|im_start|&gt;</c>, Llama <c>[INST]</c> and <c>&lt;&lt;SYS&gt;&gt;</c>.
    /// Case-sensitive: these are tokens, not words.
    /// </summary>
    [GeneratedRegex("""
        <\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id)\|>
        | \[/?INST\]
        | <</?SYS>>
        """, Exact | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex RoleToken();

    /// <summary>
    /// The end-of-sequence token <c>&lt;/s&gt;</c>. It is also HTML's strikethrough end tag, so its rule
    /// drops it when an <c>&lt;s&gt;</c> opened shortly before on the same line (a bounded look back in
    /// code: as a regex lookbehind it went quadratic on a string of <c>&lt;/s&gt;</c>).
    /// </summary>
    [GeneratedRegex("</s>", Exact)]
    public static partial Regex EndOfSequence();

    /// <summary>A Markdown heading that fakes a turn: <c>### System:</c>, <c>## Assistant:</c>, <c>### Instruction:</c> (Alpaca).</summary>
    [GeneratedRegex(@"^[ \t]*\#{1,6}[ \t]*(?:system|assistant|human|instruction)[ \t]*:", Words | RegexOptions.Multiline)]
    public static partial Regex RoleHeading();

    // --- Keys and tokens. Vendor prefixes make these precise; the generic ones (OpenAI "sk-", bearer
    // tokens) also need a digit in the token, which random keys always have and hyphenated words lack.

    [GeneratedRegex(@"\bsk-ant-[A-Za-z0-9_-]{20,}", Exact)]
    public static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-(?!ant-)(?:(?:proj|svcacct|admin)-)?(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{20,}", Exact)]
    public static partial Regex OpenAiKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b", Exact)]
    public static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b", Exact)]
    public static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[baprs]-[A-Za-z0-9-]{10,}", Exact)]
    public static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])", Exact)]
    public static partial Regex GoogleApiKey();

    /// <summary>Header and payload are base64url JSON objects, so both start with <c>eyJ</c> (<c>{"</c>).</summary>
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*", Exact)]
    public static partial Regex JsonWebToken();

    /// <summary>The whole match includes "Bearer "; the rule narrows the finding to the token.</summary>
    [GeneratedRegex(@"\b(?i:bearer)[ \t]+(?=[A-Za-z._~+/-]*[0-9])[A-Za-z0-9._~+/-]{20,}=*", Exact)]
    public static partial Regex BearerToken();

    /// <summary>
    /// From BEGIN to the matching END line. The body may not contain "-----", so the scan for END stops
    /// at the next armour line and a thousand unterminated BEGIN lines stay linear. Without an END the
    /// match runs over the base64 and header lines that follow, so a truncated key is covered too.
    /// </summary>
    [GeneratedRegex("""
        -----BEGIN[ A-Z0-9]{0,40}PRIVATE[ ]KEY(?:[ ]BLOCK)?-----
        (?:
            (?>[^-]*(?:-(?!----)[^-]*)*)-----END[ A-Z0-9]{0,40}PRIVATE[ ]KEY(?:[ ]BLOCK)?-----
          | (?:\r?\n(?:[A-Za-z0-9+/=]{4,}|[A-Za-z-]+:[ ][^\r\n]*)?(?=\r?\n|\z))*
        )
        """, Exact | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex PrivateKeyBlock();

    // --- Personal data.

    /// <summary>
    /// 13–19 digits, either unbroken or grouped 4-4-4-(1–4) or 4-6-(4–5) (Amex, Diners) with one
    /// consistent separator; not part of a longer number, word, decimal or dashed identifier.
    /// </summary>
    [GeneratedRegex("""
        (?<![\w.-])
        (?: [0-9]{13,19}
          | [0-9]{4}(?<s>[ -])[0-9]{4}\k<s>[0-9]{4}\k<s>[0-9]{1,4}
          | [0-9]{4}(?<a>[ -])[0-9]{6}\k<a>[0-9]{4,5}
        )
        (?!\w|[.,-][0-9])
        """, Exact | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex CardNumber();

    /// <summary>
    /// "@", dot-separated labels and an alphabetic top-level domain, after at least one local-part
    /// character; the rule walks back over the local part. Starting at "@" lets the matcher jump from
    /// one "@" to the next instead of trying every letter of the text. "lodash@4.17.21" and
    /// "@types/node" do not match; "git@github.com:org/repo" does and is dropped by the rule.
    /// </summary>
    [GeneratedRegex(@"(?<=[A-Za-z0-9._%+-])@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])", Exact)]
    public static partial Regex Email();

    /// <summary>
    /// International form only ("+44 20 7946 0958", "+1 (555) 123-4567"): local forms look too much like
    /// dates, amounts and ids. The rule checks the E.164 digit count.
    /// </summary>
    [GeneratedRegex(@"(?<![\w+])\+[1-9](?:[ .()-]{0,2}[0-9]){6,16}(?![0-9])", Exact)]
    public static partial Regex PhoneNumber();

    /// <summary>Unbroken, or in groups of four separated by single spaces; the rule checks length and mod-97.</summary>
    [GeneratedRegex(@"(?<!\w)[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?!\w)", Exact)]
    public static partial Regex Iban();
}
