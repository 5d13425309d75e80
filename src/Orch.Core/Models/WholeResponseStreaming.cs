using Microsoft.Extensions.AI;

namespace Orch.Core.Models;

/// <summary>
/// Streaming for clients that answer whole: Orch reads complete answers (to cost and check them), so
/// a stream is the finished response handed out as updates.
/// </summary>
internal static class WholeResponseStreaming
{
    public static async IAsyncEnumerable<ChatResponseUpdate> From(Task<ChatResponse> response)
    {
        foreach (var update in (await response).ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
