namespace Orch.Core.Tools;

/// <summary>
/// One searchable text of a project: a workspace file or a task's output. Indexed for full-text
/// search (SQLite FTS5, PostgreSQL <c>to_tsvector</c>); replaced when its source changes.
/// </summary>
public sealed class KnowledgeEntry
{
    // For EF Core.
    private KnowledgeEntry()
    {
        Source = Title = Content = string.Empty;
    }

    public KnowledgeEntry(Guid id, Guid projectId, string source, string title, string content, DateTimeOffset now)
    {
        Id = id;
        ProjectId = projectId;
        Source = source;
        Title = title;
        Content = content;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary><c>file:{path}</c> or <c>task:{key}</c>; unique within the project.</summary>
    public string Source { get; private set; }

    public string Title { get; private set; }

    public string Content { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Replace(string title, string content, DateTimeOffset now)
    {
        Title = title;
        Content = content;
        UpdatedAt = now;
    }
}
