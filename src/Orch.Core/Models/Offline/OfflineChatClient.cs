using Microsoft.Extensions.AI;
using Orch.Core.Plans;

namespace Orch.Core.Models.Offline;

/// <summary>
/// The provider Orch uses with no configuration: no network and no language model. It answers by
/// rules — plans derived from the structure of the requirements (<see cref="OfflinePlanner"/>),
/// deterministic task outputs (<see cref="OfflineTaskWriter"/>) — and says so (provider
/// <c>offline</c>). Usage is its own token estimate. It can be given a simulated latency.
/// </summary>
public sealed class OfflineChatClient(TimeSpan latency, TimeProvider clock) : IChatClient
{
    public const string ProviderName = "offline";
    public const string DefaultModel = "offline-rules";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, clock, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var properties = options?.AdditionalProperties;
        var text = (Get(properties, ChatRequestKeys.Purpose) ?? ChatPurpose.Task) switch
        {
            ChatPurpose.Planning => PlanDocumentReader.Write(OfflinePlanner.Derive(
                Get(properties, ChatRequestKeys.Requirements) ?? list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty,
                Get(properties, ChatRequestKeys.Constraints),
                Criteria(properties))),
            ChatPurpose.Replanning => PlanDocumentReader.Write(OfflineReplanner.Revise(
                PlanDocumentReader.Read(Get(properties, ChatRequestKeys.CurrentPlan) ?? """{"tasks":[]}"""),
                Get(properties, ChatRequestKeys.Instructions) ?? string.Empty)),
            ChatPurpose.Verification => OfflineJudge.Judge(Criteria(properties), Get(properties, ChatRequestKeys.Output) ?? string.Empty),
            _ => OfflineTaskWriter.Write(list, Criteria(properties)),
        };

        var input = TokenEstimator.Estimate(list);
        var output = TokenEstimator.Estimate(text);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = options?.ModelId ?? DefaultModel,
            FinishReason = ChatFinishReason.Stop,
            CreatedAt = clock.GetUtcNow(),
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WholeResponseStreaming.From(GetResponseAsync(messages, options, cancellationToken));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata)
            ? new ChatClientMetadata(ProviderName, defaultModelId: DefaultModel)
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static string? Get(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value?.ToString() : null;

    private static IReadOnlyList<string> Criteria(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ChatRequestKeys.AcceptanceCriteria, out var value) && value is IEnumerable<string> list
            ? [.. list]
            : [];
}
