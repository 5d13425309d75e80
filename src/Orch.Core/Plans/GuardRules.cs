using System.Collections.Immutable;

namespace Orch.Core.Plans;

/// <summary>
/// Every detector of the input guard, and the scan that runs them. The order matters only for matches
/// of the same span: the earlier, more specific rule names the finding (a JWT sent as a bearer token is
/// reported as a JSON web token).
/// </summary>
internal static class GuardRules
{
    private const int StrikethroughReach = 400;

    private static readonly int KindCount = Enum.GetValues<GuardFindingKind>().Length;

    public static ImmutableArray<GuardRule> All { get; } =
    [
        new(GuardFindingKind.PromptInjection, "instruction override", GuardPatterns.InstructionOverride()),
        new(GuardFindingKind.PromptInjection, "persona override", GuardPatterns.PersonaOverride()),
        new(GuardFindingKind.PromptInjection, "system prompt extraction", GuardPatterns.PromptExtraction()),
        new(GuardFindingKind.PromptInjection, "chat role token", GuardPatterns.RoleToken()),
        new(GuardFindingKind.PromptInjection, "chat role token", GuardPatterns.EndOfSequence(), IsNotHtmlStrikethrough),
        new(GuardFindingKind.PromptInjection, "chat role heading", GuardPatterns.RoleHeading()),
        new(GuardFindingKind.PrivateKey, "private key block", GuardPatterns.PrivateKeyBlock()),
        new(GuardFindingKind.ApiKey, "Anthropic API key", GuardPatterns.AnthropicKey()),
        new(GuardFindingKind.ApiKey, "OpenAI API key", GuardPatterns.OpenAiKey()),
        new(GuardFindingKind.ApiKey, "AWS access key id", GuardPatterns.AwsAccessKeyId()),
        new(GuardFindingKind.ApiKey, "GitHub token", GuardPatterns.GitHubToken()),
        new(GuardFindingKind.ApiKey, "Slack token", GuardPatterns.SlackToken()),
        new(GuardFindingKind.ApiKey, "Google API key", GuardPatterns.GoogleApiKey()),
        new(GuardFindingKind.ApiKey, "JSON web token", GuardPatterns.JsonWebToken()),
        new(GuardFindingKind.ApiKey, "bearer token", GuardPatterns.BearerToken(), BearerTokenOnly),
        new(GuardFindingKind.CreditCard, "payment card number", GuardPatterns.CardNumber(), IsCardNumber),
        new(GuardFindingKind.Email, "e-mail address", GuardPatterns.Email(), IsEmailAddress),
        new(GuardFindingKind.PhoneNumber, "international phone number", GuardPatterns.PhoneNumber(), IsPhoneNumber),
        new(GuardFindingKind.Iban, "IBAN", GuardPatterns.Iban(), IsIban),
    ];

    /// <summary>
    /// Runs every rule over <paramref name="text"/> and returns the matches ordered by position (longer
    /// first at the same position). A match lying wholly inside an earlier one of the same kind is the
    /// same thing seen twice (a JWT that is also a bearer token) and is dropped; matches of
    /// different kinds are all kept, even when they overlap.
    /// </summary>
    public static List<GuardMatch> Scan(string text)
    {
        var matches = new List<GuardMatch>();
        for (var r = 0; r < All.Length; r++)
        {
            var rule = All[r];
            foreach (var match in rule.Pattern.EnumerateMatches(text))
            {
                var start = match.Index;
                var length = match.Length;
                if (rule.Refine is null || rule.Refine(text, ref start, ref length))
                {
                    matches.Add(new GuardMatch(r, start, length));
                }
            }
        }

        if (matches.Count < 2)
        {
            return matches;
        }

        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.Rule.CompareTo(b.Rule));

        // Sorted by start, so a match is inside an earlier one of its kind exactly when the furthest
        // end reached by that kind so far is at or past its own end.
        Span<int> reach = stackalloc int[KindCount];
        reach.Fill(-1);
        var kept = new List<GuardMatch>(matches.Count);
        foreach (var match in matches)
        {
            var kind = (int)All[match.Rule].Kind;
            if (reach[kind] >= match.Start + match.Length)
            {
                continue;
            }

            reach[kind] = match.Start + match.Length;
            kept.Add(match);
        }

        return kept;
    }

    /// <summary>The finding is the token alone, so a redacted header still reads "Bearer [REDACTED:api_key]".</summary>
    private static bool BearerTokenOnly(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        const int Scheme = 6; // "Bearer"
        var token = Scheme;
        var match = text.Slice(start, length);
        while (match[token] is ' ' or '\t')
        {
            token++;
        }

        start += token;
        length -= token;
        return true;
    }

    /// <summary>
    /// Keeps <c>&lt;/s&gt;</c> unless <c>&lt;s&gt;</c> or <c>&lt;s attributes&gt;</c> opened within the
    /// previous <see cref="StrikethroughReach"/> characters of the same line, as in "&lt;s&gt;$20&lt;/s&gt; $15".
    /// </summary>
    private static bool IsNotHtmlStrikethrough(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var from = Math.Max(0, start - StrikethroughReach);
        var before = text[from..start];
        before = before[(before.LastIndexOfAny('\r', '\n') + 1)..];
        for (var open = before.LastIndexOf("<s", StringComparison.Ordinal); open >= 0; open = before[..open].LastIndexOf("<s", StringComparison.Ordinal))
        {
            if (open + 2 < before.Length && before[open + 2] is '>' or ' ' or '\t')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Luhn-valid, 13–19 digits, and a first digit of 2–6 (the card industries: Mastercard 2 and 5,
    /// Amex/Diners/JCB 3, Visa 4, Discover/UnionPay/Maestro 6). The last rule keeps epoch milliseconds
    /// (17…) and most ids from being taken for cards when they happen to pass Luhn.
    /// </summary>
    private static bool IsCardNumber(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        Span<char> digits = stackalloc char[19];
        var count = 0;
        foreach (var c in text.Slice(start, length))
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
        }

        return count >= 13 && digits[0] is >= '2' and <= '6' && Luhn.IsValid(digits[..count]);
    }

    /// <summary>
    /// Extends the match back over the local part (at most 64 characters, the RFC 5321 limit, which also
    /// bounds the work on a megabyte of letters before an "@"), and drops the scp form
    /// "git@github.com:org/repo": a host, not a person's address.
    /// </summary>
    private static bool IsEmailAddress(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        const int MaxLocalPart = 64;
        var end = start + length;
        if (end + 1 < text.Length && text[end] == ':' && !char.IsWhiteSpace(text[end + 1]))
        {
            return false;
        }

        var local = start;
        while (local > 0 && start - local < MaxLocalPart && IsLocalPartChar(text[local - 1]))
        {
            local--;
        }

        length += start - local;
        start = local;
        return true;
    }

    private static bool IsLocalPartChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    /// <summary>E.164: at most 15 digits including the country code; fewer than 8 is a short code or a sum.</summary>
    private static bool IsPhoneNumber(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var digits = 0;
        foreach (var c in text.Slice(start, length))
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits is >= 8 and <= 15;
    }

    /// <summary>
    /// Valid IBAN. The spaced form may have taken a following word as a last group ("… 7034 CODE"),
    /// so groups are dropped from the end until the rest is valid or too short.
    /// </summary>
    private static bool IsIban(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        Span<char> compact = stackalloc char[Iban.MaxLength];
        var match = text.Slice(start, length);
        while (true)
        {
            var count = 0;
            foreach (var c in match)
            {
                if (c != ' ')
                {
                    if (count == compact.Length)
                    {
                        count = 0;
                        break;
                    }

                    compact[count++] = c;
                }
            }

            if (count > 0 && Iban.IsValid(compact[..count]))
            {
                length = match.Length;
                return true;
            }

            var lastSpace = match.LastIndexOf(' ');
            if (lastSpace < 0)
            {
                return false;
            }

            match = match[..lastSpace];
        }
    }
}
