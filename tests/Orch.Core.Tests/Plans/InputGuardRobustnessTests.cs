using System.Diagnostics;
using System.Text;
using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>Size, junk, hostile repetition and overlapping findings.</summary>
public sealed class InputGuardRobustnessTests
{
    // Far above the real cost (milliseconds); only a pattern that went quadratic would come near it.
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(2);

    private const string Paragraph =
        "The service imports supplier invoices every night at 02:00, validates totals against purchase "
        + "orders 48213 and 48214, and posts them to the ledger. Ignore the outliers in the timing data. "
        + "Retry three times with backoff; report failures on the dashboard.\n";

    [Fact]
    public void Check_HandlesOneMegabyte_AndFindsWhatIsSprinkledIn()
    {
        var text = new StringBuilder();
        var expected = new List<int>();
        while (text.Length < 1_000_000)
        {
            text.Append(Paragraph);
            if (text.Length / 100_000 > expected.Count)
            {
                expected.Add(text.Length + "Contact ".Length);
                text.Append("Contact ops@orch.dev today.\n");
            }
        }

        var input = text.ToString();
        var watch = Stopwatch.StartNew();
        var result = InputGuardTests.Guard().Check(input);
        watch.Stop();

        Assert.Equal(expected, result.Findings.Select(f => f.Offset));
        Assert.All(result.Findings, f => Assert.Equal(GuardFindingKind.Email, f.Kind));
        Assert.Equal(input.Length - expected.Count * ("ops@orch.dev".Length - "[REDACTED:email]".Length), result.Text.Length);
        Assert.True(watch.Elapsed < Ceiling, $"1 MB took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Check_DoesNotCrash_OnBinaryJunk(int seed)
    {
        // Every UTF-16 code unit is possible: NUL, control characters, lone high and low surrogates, U+FFFF.
        var random = new Random(seed);
        var junk = new char[200_000];
        for (var i = 0; i < junk.Length; i++)
        {
            junk[i] = (char)random.Next(0, 0x10000);
        }

        var key = InputGuardTests.AnthropicKey;
        var text = new string(junk, 0, 100_000) + " " + key + " " + new string(junk, 100_000, 100_000);

        var result = InputGuardTests.Guard().Check(text);

        Assert.Contains(result.Findings, f => f.Kind == GuardFindingKind.ApiKey && f.Offset == 100_001 && f.Length == key.Length);
        Assert.DoesNotContain(key, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HandlesNulAndLoneSurrogates_AroundAFinding()
    {
        var text = "\0\uD800jane@example.com\uDC00\0";

        var result = InputGuardTests.Guard().Check(text);

        Assert.Equal("\0\uD800[REDACTED:email]\uDC00\0", result.Text);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "local part without a domain", new string('a', 300_000) + "@" },
        { "many at signs", string.Concat(Enumerable.Repeat("a@b", 100_000)) },
        { "closing tags", string.Concat(Enumerable.Repeat("</s>", 100_000)) },
        { "unterminated key blocks", string.Concat(Enumerable.Repeat("-----BEGIN " + "RSA PRIVATE KEY-----\nAAAA\n", 20_000)) },
        { "repeated verbs", string.Concat(Enumerable.Repeat("ignore ", 100_000)) },
        { "one long number", new string('4', 500_000) },
        { "grouped digits", string.Concat(Enumerable.Repeat("4111 ", 100_000)) },
        { "plus signs and digits", string.Concat(Enumerable.Repeat("+1 2 ", 100_000)) },
        { "upper-case runs", string.Concat(Enumerable.Repeat("DE89 ABCD ", 50_000)) },
        { "bearer without digits", "Bearer " + new string('x', 500_000) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Check_StaysLinear_OnHostileRepetition(string name, string text)
    {
        var watch = Stopwatch.StartNew();
        var result = InputGuardTests.Guard(o => InputGuardTests.SetAll(o, GuardPolicy.Redact)).Check(text);
        watch.Stop();

        Assert.NotNull(result.Text);
        Assert.True(watch.Elapsed < Ceiling, $"{name}: {text.Length:N0} characters took {watch.Elapsed}.");
    }

    [Fact]
    public void Check_ReportsAJwtSentAsABearerToken_Once()
    {
        var text = $"Authorization: Bearer {InputGuardTests.Jwt}";

        var finding = Assert.Single(InputGuardTests.Guard().Check(text).Findings);

        Assert.Equal("JSON web token", finding.Rule);
        Assert.Equal("Authorization: Bearer ".Length, finding.Offset);
    }

    [Fact]
    public void Check_ReportsAnAnthropicKeySentAsABearerToken_ByItsVendor()
    {
        var finding = Assert.Single(InputGuardTests.Guard().Check($"Bearer {InputGuardTests.AnthropicKey}").Findings);

        Assert.Equal("Anthropic API key", finding.Rule);
    }

    [Fact]
    public void Check_KeepsOverlappingFindingsOfDifferentKinds_AndRedactsTheirUnionOnce()
    {
        var text = "Write to 4111111111111111@example.com now.";

        var result = InputGuardTests.Guard().Check(text);

        Assert.Equal([GuardFindingKind.Email, GuardFindingKind.CreditCard], result.Findings.Select(f => f.Kind));
        Assert.Equal("Write to [REDACTED:email] now.", result.Text);
    }

    [Fact]
    public void Redact_MergesPartlyOverlappingSpans_AndLeavesAllowedOnesAlone()
    {
        //           0         1         2         3
        //           0123456789012345678901234567890123
        var text = "aaaaaaaaaabbbbbbbbbbccccc ddddd eeee";
        GuardFinding[] findings =
        [
            Finding(GuardFindingKind.Email, 0, 12, GuardPolicy.Redact),
            Finding(GuardFindingKind.ApiKey, 8, 12, GuardPolicy.Block),
            Finding(GuardFindingKind.Iban, 18, 4, GuardPolicy.Allow),
            Finding(GuardFindingKind.PhoneNumber, 26, 5, GuardPolicy.Allow),
            Finding(GuardFindingKind.CreditCard, 32, 4, GuardPolicy.Redact),
        ];

        var redacted = InputGuard.Redact(text, findings);

        Assert.Equal("[REDACTED:email]ccccc ddddd [REDACTED:credit_card]", redacted);
    }

    [Fact]
    public void Redact_RedactsInsideAnAllowedSpan()
    {
        var text = "0123456789";
        GuardFinding[] findings =
        [
            Finding(GuardFindingKind.PromptInjection, 0, 10, GuardPolicy.Allow),
            Finding(GuardFindingKind.Email, 4, 3, GuardPolicy.Redact),
        ];

        Assert.Equal("0123[REDACTED:email]789", InputGuard.Redact(text, findings));
    }

    [Fact]
    public void Redact_KeepsAdjacentSpansApart()
    {
        GuardFinding[] findings =
        [
            Finding(GuardFindingKind.Email, 0, 3, GuardPolicy.Redact),
            Finding(GuardFindingKind.Iban, 3, 3, GuardPolicy.Redact),
        ];

        Assert.Equal("[REDACTED:email][REDACTED:iban]", InputGuard.Redact("abcdef", findings));
    }

    private static GuardFinding Finding(GuardFindingKind kind, int offset, int length, GuardPolicy policy) =>
        new(kind, "test", offset, length, 1, offset + 1, policy);
}
