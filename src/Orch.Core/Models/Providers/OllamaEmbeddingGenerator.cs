using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Orch.Core.Models.Providers;

/// <summary>
/// Embeddings from a local Ollama server (<c>POST /api/embed</c>, all inputs in one request). One attempt per call;
/// failures come out as <see cref="ProviderException"/>.
/// </summary>
public sealed class OllamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OllamaHttp http;
    private readonly string? defaultModelId;

    /// <param name="provider">The provider's name in configuration; it prefixes every error.</param>
    /// <param name="options">Base URL (empty: http://localhost:11434) and time-out.</param>
    /// <param name="defaultModelId">The embedding model when <see cref="EmbeddingGenerationOptions.ModelId"/> does not name one.</param>
    /// <param name="httpClient">An HttpClient to use (not disposed here); by default the generator makes its own.</param>
    /// <param name="clock">Reads retry-after dates; the system clock by default.</param>
    public OllamaEmbeddingGenerator(string provider, ProviderOptions options, string? defaultModelId = null, HttpClient? httpClient = null, TimeProvider? clock = null)
    {
        http = new OllamaHttp(provider, options, httpClient, clock ?? TimeProvider.System);
        this.defaultModelId = defaultModelId;
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        var model = options?.ModelId ?? defaultModelId
            ?? throw new ArgumentException("No model: pass EmbeddingGenerationOptions.ModelId or a default model.", nameof(options));
        var body = new JsonObject
        {
            ["model"] = model,
            ["input"] = new JsonArray([.. inputs.Select(i => (JsonNode?)i)]),
        };
        if (options?.Dimensions is { } dimensions)
        {
            body["dimensions"] = dimensions;
        }

        var answer = await http.SendAsync(HttpMethod.Post, "api/embed", body, cancellationToken);
        try
        {
            var created = http.Clock.GetUtcNow();
            var answeredModel = answer.TryGetProperty("model", out var m) ? m.GetString() : model;
            var embeddings = answer.GetProperty("embeddings").EnumerateArray()
                .Select(e => new Embedding<float>(e.EnumerateArray().Select(x => x.GetSingle()).ToArray()) { ModelId = answeredModel, CreatedAt = created })
                .ToList();
            if (embeddings.Count != inputs.Count)
            {
                throw ProviderFailures.Unreadable(http.Provider, $"{embeddings.Count} embeddings for {inputs.Count} inputs");
            }

            var tokens = answer.TryGetProperty("prompt_eval_count", out var count) ? count.GetInt64() : 0;
            return new GeneratedEmbeddings<Embedding<float>>(embeddings)
            {
                Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw ProviderFailures.Unreadable(http.Provider, $"not an embedding answer ({ex.Message})", ex);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("ollama", new Uri(http.BaseUrl), defaultModelId)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => http.Dispose();
}
