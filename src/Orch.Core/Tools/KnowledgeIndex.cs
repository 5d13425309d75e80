using System.Text;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Storage;

namespace Orch.Core.Tools;

/// <summary>
/// A project's searchable texts: workspace files and task outputs, one entry per source, replaced when
/// the source changes. Search is full text (SQLite FTS5 ranked by bm25, PostgreSQL <c>to_tsvector</c>
/// ranked by <c>ts_rank</c>) over words taken from the query, every one of them passed as data: no query
/// can be read as SQL or as full-text syntax. Entries that have all the words come first; when none has
/// them all, entries with any of them are returned. With <see cref="KnowledgeReranker"/> enabled, the
/// best candidates are then re-ordered by meaning.
/// </summary>
public sealed class KnowledgeIndex(IDbContextFactory<OrchDbContext> contexts, GroupCommit commits, StorageTarget storage, KnowledgeReranker reranker, TimeProvider clock)
{
    public const int MaxLimit = 20;
    public const int MaxSourceChars = 2_048;

    /// <summary>Adds the source's text, or replaces it when the project already has that source.</summary>
    public async Task IndexAsync(Guid projectId, string source, string title, string content, CancellationToken cancellationToken)
    {
        Check(projectId, source, title, content);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await commits.RunAsync(async (db, ct) =>
                {
                    await StageAsync(db, projectId, source, title, content, ct);
                    return true;
                }, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt == 0 && StorageErrors.IsUniqueViolation(ex))
            {
                // Another process added the same source first: the second attempt replaces theirs.
            }
        }
    }

    /// <summary>Adds or replaces the entry in <paramref name="db"/>, to be saved with the caller's other changes.</summary>
    internal async Task StageAsync(OrchDbContext db, Guid projectId, string source, string title, string content, CancellationToken cancellationToken)
    {
        Check(projectId, source, title, content);
        var cleanTitle = Clean(title);
        var cleanContent = Clean(content);
        var now = clock.GetUtcNow();
        var entry = await db.KnowledgeEntries.SingleOrDefaultAsync(k => k.ProjectId == projectId && k.Source == source, cancellationToken);
        if (entry is null)
        {
            db.KnowledgeEntries.Add(new KnowledgeEntry(Guid.CreateVersion7(), projectId, source, cleanTitle, cleanContent, now));
        }
        else
        {
            entry.Replace(cleanTitle, cleanContent, now);
        }
    }

    private static void Check(Guid projectId, string source, string title, string content)
    {
        if (projectId == Guid.Empty)
        {
            throw new InvalidInputException("projectId", "is required.");
        }

        if (string.IsNullOrWhiteSpace(source) || source.Length > MaxSourceChars)
        {
            throw new InvalidInputException("source", $"must be 1 to {MaxSourceChars:N0} characters.");
        }

        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(content);
    }

    /// <summary>The project's entries that best match the query's words, best first.</summary>
    /// <exception cref="InvalidInputException">The query is empty, too long, or has no words.</exception>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(Guid projectId, string query, int limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new InvalidInputException("query", "is empty; give the words to search for.");
        }

        if (query.Length > KnowledgeQuery.MaxQueryChars)
        {
            throw new InvalidInputException("query", $"is {query.Length:N0} characters long; at most {KnowledgeQuery.MaxQueryChars:N0}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var words = KnowledgeQuery.Words(query);
        if (words.Count == 0)
        {
            throw new InvalidInputException("query", "has no words to search for, only punctuation or symbols.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = reranker.CandidatesFor(limit);
        var rows = await FindAsync(db, projectId, words, all: true, candidates, cancellationToken);
        if (rows.Count == 0 && words.Count > 1)
        {
            rows = await FindAsync(db, projectId, words, all: false, candidates, cancellationToken);
        }

        return await reranker.RerankAsync(query, rows, limit, cancellationToken);
    }

    private Task<List<KnowledgeRow>> FindAsync(OrchDbContext db, Guid projectId, IReadOnlyList<string> words, bool all, int limit, CancellationToken cancellationToken)
    {
        if (storage.Provider == StorageProvider.Sqlite)
        {
            // bm25 is lower for better matches; a match in the title counts four times one in the content.
            var match = KnowledgeQuery.Fts5(words, all);
            return db.Database.SqlQuery<KnowledgeRow>($"""
                SELECT e.source AS "Source", e.title AS "Title",
                       snippet(knowledge_fts, -1, '[', ']', '…', 24) AS "Snippet",
                       substr(e.title || char(10) || e.content, 1, {KnowledgeRow.ExcerptChars}) AS "Excerpt",
                       -bm25(knowledge_fts, 4.0, 1.0) AS "Rank"
                FROM knowledge_fts
                JOIN knowledge_entries AS e ON e.rowid = knowledge_fts.rowid
                WHERE knowledge_fts MATCH {match} AND e.project_id = {projectId}
                ORDER BY bm25(knowledge_fts, 4.0, 1.0), e.source
                LIMIT {limit}
                """).ToListAsync(cancellationToken);
        }

        // The same expression as the GIN index, so that the index is used.
        var text = all ? string.Join(' ', words) : KnowledgeQuery.AnyOf(words);
        return all
            ? db.Database.SqlQuery<KnowledgeRow>($"""
                SELECT e.source AS "Source", e.title AS "Title",
                       ts_headline('simple', e.content, q.query, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1') AS "Snippet",
                       left(e.title || E'\n' || e.content, {KnowledgeRow.ExcerptChars}) AS "Excerpt",
                       ts_rank(to_tsvector('simple', e.title || ' ' || e.content), q.query)::double precision AS "Rank"
                FROM knowledge_entries AS e
                CROSS JOIN (SELECT plainto_tsquery('simple', {text}) AS query) AS q
                WHERE e.project_id = {projectId} AND to_tsvector('simple', e.title || ' ' || e.content) @@ q.query
                ORDER BY 5 DESC, e.source
                LIMIT {limit}
                """).ToListAsync(cancellationToken)
            : db.Database.SqlQuery<KnowledgeRow>($"""
                SELECT e.source AS "Source", e.title AS "Title",
                       ts_headline('simple', e.content, q.query, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1') AS "Snippet",
                       left(e.title || E'\n' || e.content, {KnowledgeRow.ExcerptChars}) AS "Excerpt",
                       ts_rank(to_tsvector('simple', e.title || ' ' || e.content), q.query)::double precision AS "Rank"
                FROM knowledge_entries AS e
                CROSS JOIN (SELECT websearch_to_tsquery('simple', {text}) AS query) AS q
                WHERE e.project_id = {projectId} AND to_tsvector('simple', e.title || ' ' || e.content) @@ q.query
                ORDER BY 5 DESC, e.source
                LIMIT {limit}
                """).ToListAsync(cancellationToken);
    }

    /// <summary>Text as both databases can store it: no NUL characters (PostgreSQL refuses them), no broken surrogates.</summary>
    private static string Clean(string text)
    {
        var withoutNul = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", string.Empty, StringComparison.Ordinal) : text;
        return IsWellFormed(withoutNul) ? withoutNul : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(withoutNul));
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
