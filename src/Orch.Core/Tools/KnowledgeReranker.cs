using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Models;
using Orch.Core.Models.Providers;

namespace Orch.Core.Tools;

/// <summary>
/// The semantic step of knowledge search, when <see cref="KnowledgeOptions.EmbeddingProvider"/> names an
/// Ollama provider: the query and each full-text candidate are embedded in one request, and candidates
/// are ordered by cosine similarity to the query. If the embedding call fails, the full-text order
/// stands: search never fails because the embedding server is down.
/// </summary>
public sealed partial class KnowledgeReranker : IDisposable
{
    private readonly KnowledgeOptions options;
    private readonly Lazy<OllamaEmbeddingGenerator>? generator;
    private readonly ILogger<KnowledgeReranker> logger;

    public KnowledgeReranker(IOptions<KnowledgeOptions> options, IOptions<ModelOptions> models, TimeProvider clock, ILogger<KnowledgeReranker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        this.options = options.Value;
        this.logger = logger;
        var name = this.options.EmbeddingProvider;
        if (!string.IsNullOrWhiteSpace(name) && models.Value.Providers.TryGetValue(name, out var provider) && provider.Kind == ProviderKind.Ollama)
        {
            generator = new Lazy<OllamaEmbeddingGenerator>(() => new OllamaEmbeddingGenerator(name, provider, this.options.EmbeddingModel, clock: clock));
        }
    }

    public bool Enabled => generator is not null;

    /// <summary>How many full-text candidates to fetch for <paramref name="limit"/> results.</summary>
    public int CandidatesFor(int limit) => Enabled ? Math.Max(limit, options.RerankCandidates) : limit;

    public void Dispose()
    {
        if (generator is { IsValueCreated: true })
        {
            generator.Value.Dispose();
        }
    }

    /// <summary>The best <paramref name="limit"/> candidates by similarity to the query, or the first ones in full-text order.</summary>
    internal async Task<IReadOnlyList<KnowledgeHit>> RerankAsync(string query, IReadOnlyList<KnowledgeRow> rows, int limit, CancellationToken cancellationToken)
    {
        if (generator is null || rows.Count < 2)
        {
            return [.. rows.Take(limit).Select(r => r.ToHit())];
        }

        try
        {
            var embeddings = await generator.Value.GenerateAsync([query, .. rows.Select(r => r.Excerpt)], cancellationToken: cancellationToken);
            var target = embeddings[0].Vector;
            var scored = rows.Select((row, i) => (Row: row, Score: Cosine(target.Span, embeddings[i + 1].Vector.Span))).ToList();
            if (scored.Any(s => double.IsNaN(s.Score)))
            {
                throw new ProviderException(options.EmbeddingProvider!, "embeddings of different lengths, or all zeros", isTransient: false);
            }

            // Stable: candidates the embeddings cannot tell apart keep their full-text order.
            return [.. scored.OrderByDescending(s => s.Score).Take(limit).Select(s => s.Row.ToHit() with { Rank = s.Score })];
        }
        catch (Exception ex) when (ex is ProviderException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogEmbeddingFailed(logger, options.EmbeddingProvider!, ex);
            return [.. rows.Take(limit).Select(r => r.ToHit())];
        }
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return double.NaN;
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? double.NaN : dot / Math.Sqrt(normA * normB);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding with provider {Provider} failed; knowledge search keeps its full-text order")]
    private static partial void LogEmbeddingFailed(ILogger logger, string provider, Exception exception);
}
