using System.Collections.Frozen;

namespace Orch.Core.Plans;

/// <summary>IBAN validation (ISO 13616): the country's fixed length and the mod-97 check.</summary>
internal static class Iban
{
    // Country code and length, from the SWIFT IBAN registry. A country missing here is not matched:
    // a false negative for a rare country beats flagging any "XX99…" id that happens to pass mod-97.
    private const string Registry =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 "
        + "EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 "
        + "IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 "
        + "NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 "
        + "SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";

    private static readonly FrozenDictionary<int, int> Lengths = Registry
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(entry => Key(entry[0], entry[1]), entry => int.Parse(entry.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture));

    public const int MaxLength = 34;

    /// <summary>True for an IBAN without spaces: upper-case country, the country's length, and mod 97 = 1.</summary>
    public static bool IsValid(ReadOnlySpan<char> iban)
    {
        if (iban.Length is < 15 or > MaxLength || !IsUpper(iban[0]) || !IsUpper(iban[1])
            || !Lengths.TryGetValue(Key(iban[0], iban[1]), out var length) || length != iban.Length)
        {
            return false;
        }

        // The first four characters move to the end; letters count as 10–35. Folding the remainder
        // digit by digit keeps the 30-odd-digit number within an int.
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (IsUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    private static int Key(char first, char second) => (first << 8) | second;
}
