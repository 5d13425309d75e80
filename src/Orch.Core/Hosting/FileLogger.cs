using Microsoft.Extensions.Logging;

namespace Orch.Core.Hosting;

/// <summary>A category's logger: formats the entry and queues it; the writer does the rest.</summary>
internal sealed class FileLogger(string category, FileLogWriter writer, TimeProvider clock) : ILogger
{
    // Scopes are not written: one flat line per entry is what this file is for.
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Levels are filtered by the logger factory's rules, like every other provider's.
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (string.IsNullOrEmpty(message) && exception is null)
        {
            return;
        }

        writer.Enqueue(FileLogEntry.Create(clock.GetUtcNow(), logLevel, category, eventId, message, exception));
    }
}
