using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orch.Core.Models.Providers;

/// <summary>
/// Anthropic's Messages API through the official SDK's <see cref="IChatClient"/>. Each call is exactly one HTTP
/// attempt (the SDK's own retries are off: retries, rate limits and circuit breaking belong to the layer that wraps
/// this client), and every failure comes out as a <see cref="ProviderException"/>; caller cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The SDK (13.12.0) sends the key as <c>Authorization: Bearer</c>, targets API version 2026-10-21, reports
/// <c>UsageDetails.InputTokenCount</c> including cache reads and writes (cache reads also in
/// <c>CachedInputTokenCount</c>), and has no temperature parameter in that API version, so
/// <see cref="ChatOptions.Temperature"/> is not sent.
/// </remarks>
public sealed class AnthropicChatClient : DelegatingChatClient
{
    public const string ApiKeyVariable = ApiKeys.AnthropicVariable;

    /// <summary>Used when neither the constructor nor <see cref="ChatOptions.MaxOutputTokens"/> says; the API requires one.</summary>
    public const int FallbackMaxOutputTokens = 4_096;

    private readonly string provider;
    private readonly string? apiKey;
    private readonly TimeSpan timeout;
    private readonly AnthropicClient client;
    private readonly ILogger logger;
    private readonly TimeProvider clock;

    /// <param name="provider">The provider's name in configuration; it prefixes every error.</param>
    /// <param name="options">Base URL (empty: the public API), key (empty: ANTHROPIC_API_KEY) and time-out.</param>
    /// <param name="defaultModelId">The model when <see cref="ChatOptions.ModelId"/> does not name one.</param>
    /// <param name="defaultMaxOutputTokens">Output cap when <see cref="ChatOptions.MaxOutputTokens"/> is not set.</param>
    /// <param name="logger">Debug lines per call: model, time, tokens, or why it failed. Never the key.</param>
    /// <param name="clock">Reads retry-after dates; the system clock by default.</param>
    public AnthropicChatClient(
        string provider,
        ProviderOptions options,
        string? defaultModelId = null,
        int? defaultMaxOutputTokens = null,
        ILogger? logger = null,
        TimeProvider? clock = null)
        : this(provider, options, ResolveApiKey(options), defaultModelId, defaultMaxOutputTokens, logger, clock ?? TimeProvider.System)
    {
    }

    private AnthropicChatClient(string provider, ProviderOptions options, string? apiKey, string? defaultModelId, int? defaultMaxOutputTokens, ILogger? logger, TimeProvider clock)
        : this(provider, options, apiKey, Connect(options, apiKey, clock), defaultModelId, defaultMaxOutputTokens, logger, clock)
    {
    }

    private AnthropicChatClient(string provider, ProviderOptions options, string? apiKey, AnthropicClient client, string? defaultModelId, int? defaultMaxOutputTokens, ILogger? logger, TimeProvider clock)
        : base(client.AsIChatClient(defaultModelId, defaultMaxOutputTokens ?? FallbackMaxOutputTokens))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        this.provider = provider;
        this.apiKey = apiKey;
        this.client = client;
        timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        this.logger = logger ?? NullLogger.Instance;
        this.clock = clock;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        try
        {
            var response = await CallAsync(token => base.GetResponseAsync(messages, options, token), cancellationToken);
            ProviderLog.Answered(logger, provider, response, clock, started);
            return response;
        }
        catch (ProviderException failure)
        {
            ProviderLog.Failed(logger, provider, failure, clock, started);
            throw;
        }
    }

    /// <summary>The models the key may use (<c>GET /v1/models</c>, first page): the health check's question.</summary>
    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<string>>(
            async token =>
            {
                var page = await client.Models.List(new ModelListParams { Limit = 1_000 }, token);
                return [.. page.Items.Select(m => m.ID)]; // read here: the SDK parses lazily, and a bad answer throws now
            },
            cancellationToken);

    /// <summary>
    /// Orch uses whole answers; streaming is served by fetching the whole answer and handing it out as updates,
    /// so that it fails exactly like <see cref="GetResponseAsync"/>.
    /// </summary>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WholeResponseStreaming.From(GetResponseAsync(messages, options, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            client.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>One SDK call under our time-out, its failures translated; caller cancellation passes through.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (apiKey is null)
        {
            throw ProviderFailures.MissingApiKey(provider, ApiKeyVariable);
        }

        var note = AnthropicResponseCapture.Begin();

        // Our own limit as well as the SDK's, so that the time-out holds for the whole call, body included.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await call(limit.Token);
        }
        catch (Exception ex) when (Translate(ex, note, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private ProviderException? Translate(Exception exception, AnthropicResponseCapture.Note note, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null; // the caller's own cancellation: it stays an OperationCanceledException
            case OperationCanceledException:
                return ProviderFailures.Timeout(provider, timeout, exception);
            case AnthropicApiException api:
                var status = (int)api.StatusCode;
                var detail = string.IsNullOrWhiteSpace(api.ApiMessage) ? api.ResponseBody : api.ApiMessage;
                return ProviderFailures.FromStatus(provider, status, detail, note.StatusCode == status ? note.RetryAfter : null, apiKey, api);
            case AnthropicIOException or HttpRequestException:
                return ProviderFailures.Unreachable(provider, exception.InnerException ?? exception, apiKey);
            case AnthropicInvalidDataException or JsonException or AnthropicSseException:
                return ProviderFailures.Unreadable(provider, exception.Message, exception, apiKey);
            case AnthropicException:
                return new ProviderException(provider, ProviderFailures.Clean(exception.Message, apiKey), isTransient: false);
            default:
                return null;
        }
    }

    private static string? ResolveApiKey(ProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ApiKeys.Resolve(options.ApiKey, ApiKeyVariable);
    }

    // Base URL and key are always set explicitly, so the SDK never falls back to ANTHROPIC_BASE_URL or to a
    // credential of its own finding in the environment.
    private static AnthropicClient Connect(ProviderOptions options, string? apiKey, TimeProvider clock) => new()
    {
        BaseUrl = string.IsNullOrWhiteSpace(options.BaseUrl) ? EnvironmentUrl.Production : options.BaseUrl.TrimEnd('/'),
        ApiKey = apiKey,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        Handlers = [new AnthropicResponseCapture(clock)],
    };
}
