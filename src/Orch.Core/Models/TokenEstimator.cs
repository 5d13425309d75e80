using Microsoft.Extensions.AI;

namespace Orch.Core.Models;

/// <summary>
/// A provider-independent, deliberately high guess at token counts, used before a call (worst-case
/// reservations, rate limits) and by the offline provider, which has no tokenizer. Four characters
/// a token for ASCII text, one token for every other character (CJK text runs close to that), so
/// that a reservation holds at least what the call can cost.
/// </summary>
public static class TokenEstimator
{
    public const int CharactersPerToken = 4;

    /// <summary>Role and framing per message.</summary>
    private const int PerMessage = 8;

    public static long Estimate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        long ascii = 0, other = 0;
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                ascii++;
            }
            else if (!char.IsLowSurrogate(c))
            {
                other++;
            }
        }

        return ((ascii + CharactersPerToken - 1) / CharactersPerToken) + other;
    }

    /// <summary>Every part of every message counts: text, tool calls with their arguments, tool results.</summary>
    public static long Estimate(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Sum(m => PerMessage + m.Contents.Sum(Estimate));
    }

    private static long Estimate(AIContent content) => content switch
    {
        TextContent text => Estimate(text.Text),
        FunctionCallContent call => Estimate(call.Name) + (call.Arguments?.Sum(a => Estimate(a.Key) + Estimate(a.Value?.ToString()) + 2) ?? 0),
        FunctionResultContent result => Estimate(result.Result?.ToString()),
        _ => Estimate(content.ToString()),
    };
}
