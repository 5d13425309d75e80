using Microsoft.Extensions.Logging;

namespace Orch.Core.Hosting;

/// <summary>One queued log entry, already formatted on the caller's thread and cut to a bounded size.</summary>
internal readonly record struct FileLogEntry(DateTimeOffset Timestamp, LogLevel Level, string Category, int EventId, string Message, string? Exception)
{
    /// <summary>The most characters kept of a message, and of an exception's text; the queue's memory stays bounded.</summary>
    public const int MaxTextLength = 32 * 1024;

    public static FileLogEntry Create(DateTimeOffset timestamp, LogLevel level, string category, EventId eventId, string message, Exception? exception) =>
        new(timestamp, level, category, eventId.Id, Cut(message), exception is null ? null : Cut(exception.ToString()));

    private static string Cut(string text) =>
        text.Length <= MaxTextLength
            ? text
            : string.Concat(text.AsSpan(0, MaxTextLength), $"… [cut: {text.Length} characters in all]");
}
