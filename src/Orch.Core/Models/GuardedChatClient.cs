using Microsoft.Extensions.AI;

namespace Orch.Core.Models;

/// <summary>A provider's chat client with its <see cref="ProviderGuard"/> around every call.</summary>
public sealed class GuardedChatClient(IChatClient inner, ProviderGuard guard) : DelegatingChatClient(inner)
{
    public ProviderGuard Guard { get; } = guard;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var estimate = TokenEstimator.Estimate(list) + (options?.MaxOutputTokens ?? 0);
        return Guard.ExecuteAsync(estimate, token => base.GetResponseAsync(list, options, token), cancellationToken);
    }

    /// <summary>Streaming goes through the same guard: the whole answer is fetched, then handed out as updates.</summary>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WholeResponseStreaming.From(GetResponseAsync(messages, options, cancellationToken));
}
