namespace Orch.Core.Tools;

/// <summary>
/// Settings under <c>Orch:Knowledge</c>. Search is full text; naming an Ollama provider in
/// <see cref="EmbeddingProvider"/> adds a semantic step: the best full-text candidates are re-ordered
/// by how close their embeddings are to the query's.
/// </summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Orch:Knowledge";

    /// <summary>An Ollama provider under <c>Orch:Models:Providers</c> to embed with; empty for full text only.</summary>
    public string? EmbeddingProvider { get; set; }

    /// <summary>The embedding model on that provider.</summary>
    public string EmbeddingModel { get; set; } = "nomic-embed-text";

    /// <summary>How many full-text candidates are re-ordered by embedding (at least the number asked for).</summary>
    public int RerankCandidates { get; set; } = 20;
}
