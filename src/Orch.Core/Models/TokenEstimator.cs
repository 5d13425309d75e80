namespace Orch.Core.Models;

/// <summary>
/// A provider-independent guess at token counts, used only before a call (estimates, reservations,
/// rate limits) and by the offline provider, which has no tokenizer. About four characters a token
/// for English; rounded up so that estimates err on the side of caution.
/// </summary>
public static class TokenEstimator
{
    public const int CharactersPerToken = 4;

    public static long Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + CharactersPerToken - 1) / CharactersPerToken;

    public static long Estimate(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // A few tokens per message for the role and framing.
        return messages.Sum(m => Estimate(m.Text) + 4);
    }
}
