using Microsoft.Extensions.Logging;

namespace Orch.Core.Hosting;

/// <summary>
/// Writes log entries to a daily file, <c>{fileNamePrefix}-yyyyMMdd.log</c> (UTC) in a directory, one
/// line per entry: UTC timestamp, level, category and event id, message, exception. Logging never
/// waits for the disk: entries are queued (bounded) and written by a background task; disposing
/// writes what is queued. A file that cannot be written is reported once on <c>errors</c>, and the
/// host runs on without it. Filter rules name this provider <c>OrchFile</c>.
/// </summary>
[ProviderAlias("OrchFile")]
public sealed class FileLoggerProvider : ILoggerProvider
{
    /// <summary>Entries queued at most; more than this while the disk is slow are dropped, and counted in the file.</summary>
    public const int DefaultCapacity = 8192;

    private readonly FileLogWriter writer;
    private readonly TimeProvider clock;

    public FileLoggerProvider(string directory, string fileNamePrefix, TimeProvider clock, TextWriter errors, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileNamePrefix);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.clock = clock;
        writer = new FileLogWriter(directory, fileNamePrefix, capacity, errors);
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(categoryName, writer, clock);

    public void Dispose() => writer.Dispose();
}
