namespace Orch.Core.Tools;

/// <summary>A row of a knowledge search as the database returns it.</summary>
internal sealed class KnowledgeRow
{
    /// <summary>How much of an entry (title, then content) the semantic step compares with the query.</summary>
    public const int ExcerptChars = 2_000;

    public string Source { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Snippet { get; set; } = string.Empty;

    public string Excerpt { get; set; } = string.Empty;

    public double Rank { get; set; }

    /// <summary>The hit, its snippet on one line: line breaks and runs of spaces become one space.</summary>
    public KnowledgeHit ToHit() =>
        new(Source, Title, string.Join(' ', Snippet.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), Rank);
}
