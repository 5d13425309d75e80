using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orch.Core.Models.Providers;

/// <summary>
/// A local Ollama server through its native API (<c>POST /api/chat</c>, not streamed): text, system prompts,
/// tool calls and results, output cap (<c>num_predict</c>), temperature, and usage from <c>prompt_eval_count</c> /
/// <c>eval_count</c>. One attempt per call; failures come out as <see cref="ProviderException"/>.
/// </summary>
public sealed class OllamaChatClient : IChatClient
{
    private readonly OllamaHttp http;
    private readonly string? defaultModelId;
    private readonly ILogger logger;

    /// <param name="provider">The provider's name in configuration; it prefixes every error.</param>
    /// <param name="options">Base URL (empty: http://localhost:11434) and time-out; a key only if a proxy wants a bearer token.</param>
    /// <param name="defaultModelId">The model when <see cref="ChatOptions.ModelId"/> does not name one.</param>
    /// <param name="logger">Debug lines per call: model, time, tokens, or why it failed.</param>
    /// <param name="httpClient">An HttpClient to use (not disposed here); by default the client makes its own.</param>
    /// <param name="clock">Reads retry-after dates; the system clock by default.</param>
    public OllamaChatClient(string provider, ProviderOptions options, string? defaultModelId = null, ILogger? logger = null, HttpClient? httpClient = null, TimeProvider? clock = null)
    {
        http = new OllamaHttp(provider, options, httpClient, clock ?? TimeProvider.System);
        this.defaultModelId = defaultModelId;
        this.logger = logger ?? NullLogger.Instance;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = options?.ModelId ?? defaultModelId
            ?? throw new ArgumentException("No model: pass ChatOptions.ModelId or a default model.", nameof(options));
        var started = http.Clock.GetTimestamp();
        try
        {
            var answer = await http.SendAsync(HttpMethod.Post, "api/chat", OllamaChatRequest.Build(model, [.. messages], options), cancellationToken);
            var response = Read(answer);
            ProviderLog.Answered(logger, http.Provider, response, http.Clock, started);
            return response;
        }
        catch (ProviderException failure)
        {
            ProviderLog.Failed(logger, http.Provider, failure, http.Clock, started);
            throw;
        }
    }

    /// <summary>Orch uses whole answers; streaming hands out the whole answer as updates (stream:false underneath).</summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WholeResponseStreaming.From(GetResponseAsync(messages, options, cancellationToken));

    /// <summary>The models the server has (<c>GET /api/tags</c>): the health check's question.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, "api/tags", body: null, cancellationToken);
        try
        {
            return [.. answer.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString() ?? string.Empty)];
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            throw ProviderFailures.Unreadable(http.Provider, "no list of models in the answer", ex);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("ollama", new Uri(http.BaseUrl), defaultModelId)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => http.Dispose();

    private ChatResponse Read(JsonElement answer)
    {
        try
        {
            if (answer.TryGetProperty("error", out var error))
            {
                // An error in a 200 answer: the model failed while generating, as a 500 would say.
                throw new ProviderException(http.Provider, $"the provider failed on its side: {ProviderFailures.Clean(error.ToString(), null)}", isTransient: true);
            }

            var message = answer.GetProperty("message");
            var contents = new List<AIContent>();
            if (message.TryGetProperty("thinking", out var thinking) && thinking.GetString() is { Length: > 0 } thought)
            {
                contents.Add(new TextReasoningContent(thought));
            }

            if (message.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text));
            }

            var calls = 0;
            if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in toolCalls.EnumerateArray())
                {
                    var function = call.GetProperty("function");
                    // Older servers give calls no id; one is made up so that the result can be matched to its call.
                    var id = call.TryGetProperty("id", out var given) && given.GetString() is { Length: > 0 } callId ? callId : $"call_{Guid.NewGuid():N}";
                    var arguments = function.TryGetProperty("arguments", out var args)
                        ? args.ValueKind == JsonValueKind.String ? args.GetString() ?? "{}" : args.GetRawText()
                        : "{}";
                    contents.Add(ToolJson.ParseCall(id, function.GetProperty("name").GetString() ?? string.Empty, arguments));
                    calls++;
                }
            }

            // Ollama omits zero counts (a prompt served from its cache has no prompt_eval_count).
            var input = answer.TryGetProperty("prompt_eval_count", out var promptCount) ? promptCount.GetInt64() : 0;
            var output = answer.TryGetProperty("eval_count", out var evalCount) ? evalCount.GetInt64() : 0;
            var doneReason = answer.TryGetProperty("done_reason", out var reason) ? reason.GetString() : null;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { RawRepresentation = answer })
            {
                ModelId = answer.TryGetProperty("model", out var model) ? model.GetString() : null,
                CreatedAt = answer.TryGetProperty("created_at", out var created) ? created.GetDateTimeOffset() : null,
                FinishReason = calls > 0 ? ChatFinishReason.ToolCalls
                    : doneReason switch
                    {
                        null or "" or "stop" => ChatFinishReason.Stop,
                        "length" => ChatFinishReason.Length,
                        _ => new ChatFinishReason(doneReason),
                    },
                Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
                RawRepresentation = answer,
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw ProviderFailures.Unreadable(http.Provider, $"not a chat answer ({ex.Message})", ex);
        }
    }
}
