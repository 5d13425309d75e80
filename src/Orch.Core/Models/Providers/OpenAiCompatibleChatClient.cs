using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Orch.Core.Models.Providers;

/// <summary>
/// OpenAI's chat completions API, or any server that speaks it (vLLM, LM Studio, Ollama's /v1), through the
/// OpenAI SDK's <see cref="ChatClient"/> adapted to <see cref="IChatClient"/>. One attempt per call (the SDK's
/// retry policy is replaced by one that never retries); every failure comes out as a
/// <see cref="ProviderException"/>, caller cancellation as an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    public const string ApiKeyVariable = ApiKeys.OpenAIVariable;

    /// <summary>Sent when there is no key at all: local servers want none, but the SDK will not go without one.</summary>
    public const string KeylessPlaceholder = "no-key";

    private readonly string provider;
    private readonly string? defaultModelId;
    private readonly string apiKey;
    private readonly TimeSpan timeout;
    private readonly bool alsoLegacyMaxTokens;
    private readonly Uri? endpoint;
    private readonly OpenAIClient client;
    private readonly ConcurrentDictionary<string, ChatClient> chats = new(StringComparer.Ordinal);
    private readonly ILogger logger;
    private readonly TimeProvider clock;

    /// <param name="provider">The provider's name in configuration; it prefixes every error.</param>
    /// <param name="options">Base URL with its /v1 (empty: OpenAI's), key (empty: OPENAI_API_KEY, else none) and time-out.</param>
    /// <param name="defaultModelId">The model when <see cref="ChatOptions.ModelId"/> does not name one.</param>
    /// <param name="logger">Debug lines per call: model, time, tokens, or why it failed. Never the key.</param>
    /// <param name="clock">Reads retry-after dates; the system clock by default.</param>
    public OpenAiCompatibleChatClient(string provider, ProviderOptions options, string? defaultModelId = null, ILogger? logger = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(options);
        this.provider = provider;
        this.defaultModelId = defaultModelId;
        timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        endpoint = string.IsNullOrWhiteSpace(options.BaseUrl) ? null : new Uri(options.BaseUrl.TrimEnd('/'));
        // OPENAI_API_KEY is OpenAI's: it is sent to OpenAI only, never to another compatible server
        // (a local vLLM or LM Studio) unless that server's key is configured explicitly.
        var isOpenAi = endpoint is null || endpoint.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);
        apiKey = (isOpenAi ? ApiKeys.Resolve(options.ApiKey, ApiKeyVariable) : NullIfBlank(options.ApiKey)) ?? KeylessPlaceholder;
        alsoLegacyMaxTokens = endpoint is not null && !endpoint.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);
        this.logger = logger ?? NullLogger.Instance;
        this.clock = clock ?? TimeProvider.System;
        var settings = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout,
        };
        if (endpoint is not null)
        {
            settings.Endpoint = endpoint;
        }

        client = new OpenAIClient(new ApiKeyCredential(apiKey), settings);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = options?.ModelId ?? defaultModelId
            ?? throw new ArgumentException("No model: pass ChatOptions.ModelId or a default model.", nameof(options));
        var chat = chats.GetOrAdd(model, client.GetChatClient);
        var request = OpenAiChatMapping.Messages(messages);
        var settings = OpenAiChatMapping.Options(options, alsoLegacyMaxTokens);
        var started = clock.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var completion = await chat.CompleteChatAsync(request, settings, limit.Token);
            var response = OpenAiChatMapping.Response(completion.Value);
            ProviderLog.Answered(logger, provider, response, clock, started);
            return response;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
        {
            ProviderLog.Failed(logger, provider, failure, clock, started);
            throw failure;
        }
    }

    /// <summary>Orch uses whole answers; streaming hands out the whole answer as updates (no SSE underneath).</summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WholeResponseStreaming.From(GetResponseAsync(messages, options, cancellationToken));

    /// <summary>The models the server offers (<c>GET {base}/models</c>): the health check's question.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var models = await client.GetOpenAIModelClient().GetModelsAsync(limit.Token);
            return [.. models.Value.Select(m => m.Id)];
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai", endpoint, defaultModelId)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The SDK's clients hold no resources of their own to release.
    }

    private ProviderException? Translate(Exception exception, CancellationToken cancellationToken)
    {
        var secret = apiKey == KeylessPlaceholder ? null : apiKey;
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null; // the caller's own cancellation: it stays an OperationCanceledException
            case OperationCanceledException:
                return ProviderFailures.Timeout(provider, timeout, exception);
            case ClientResultException { Status: 0 } noAnswer:
                return ProviderFailures.Unreachable(provider, noAnswer.InnerException ?? noAnswer, secret);
            case ClientResultException failed:
                var raw = failed.GetRawResponse();
                return ProviderFailures.FromStatus(provider, failed.Status, ErrorDetail(raw), RetryAfter(raw), secret, failed);
            case HttpRequestException or IOException:
                return ProviderFailures.Unreachable(provider, exception, secret);
            // The SDK reads its models lazily: a malformed body surfaces as one of these while the answer is read.
            case JsonException or ArgumentOutOfRangeException or InvalidOperationException or KeyNotFoundException or FormatException:
                return ProviderFailures.Unreadable(provider, exception.Message, exception, secret);
            default:
                return null;
        }
    }

    private TimeSpan? RetryAfter(PipelineResponse? response) =>
        response is null ? null : RetryAfterHeader.Parse(Header(response, "retry-after-ms"), Header(response, "retry-after"), clock.GetUtcNow());

    private static string? Header(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    // OpenAI's errors are {"error": {"message": ...}}; compatible servers vary, so anything else is quoted as it is.
    private static string? ErrorDetail(PipelineResponse? response)
    {
        var body = response?.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return response?.ReasonPhrase;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the best detail there is.
        }

        return body;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
