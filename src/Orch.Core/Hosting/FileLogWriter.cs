using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Orch.Core.Hosting;

/// <summary>
/// Appends queued entries to <c>{prefix}-yyyyMMdd.log</c> (the entry's UTC day) from one background
/// task, so that a logging call only queues and never waits for the disk. A full queue drops the entry
/// and counts it; the count is written as soon as there is room. A file that cannot be written is
/// reported once on <c>errors</c>, and entries are dropped until the next day's file.
/// </summary>
internal sealed class FileLogWriter : IDisposable
{
    private const string Category = "Orch.Core.Hosting.FileLoggerProvider";

    // Every line break a text viewer would honour; each is written as the two characters \n.
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\f\u0085\u2028\u2029");
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    private readonly Channel<FileLogEntry> queue;
    private readonly string directory;
    private readonly string prefix;
    private readonly TextWriter errors;
    private readonly Task processing;
    private long dropped;
    private int closing;
    private StreamWriter? file;
    private string? filePath;
    private DateOnly fileDay;
    private DateOnly? failedDay;
    private bool failureReported;

    public FileLogWriter(string directory, string prefix, int capacity, TextWriter errors)
    {
        this.directory = directory;
        this.prefix = prefix;
        this.errors = errors;
        queue = Channel.CreateBounded<FileLogEntry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            // With Wait, TryWrite returns false on a full queue instead of blocking or silently dropping.
            FullMode = BoundedChannelFullMode.Wait,
        });
        processing = Task.Run(ProcessAsync);
    }

    public void Enqueue(in FileLogEntry entry)
    {
        if (!queue.Writer.TryWrite(entry) && Volatile.Read(ref closing) == 0)
        {
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>Writes what is queued, closes the file; waits a bounded time so that a stuck disk cannot stop the process from exiting.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref closing, 1) == 1)
        {
            return;
        }

        queue.Writer.TryComplete();
        processing.Wait(DrainLimit);
    }

    private async Task ProcessAsync()
    {
        var reader = queue.Reader;
        var last = DateTimeOffset.MinValue;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var entry))
            {
                WriteDropped(entry.Timestamp);
                Write(entry);
                last = entry.Timestamp;
            }

            // The queue is empty: what was written is on disk before the writer waits again.
            Flush();
        }

        // Entries dropped just before the end are counted too: every logging call made before
        // Dispose has finished counting by now.
        if (last != DateTimeOffset.MinValue)
        {
            WriteDropped(last);
        }

        Close();
    }

    private void WriteDropped(DateTimeOffset at)
    {
        var lost = Interlocked.Exchange(ref dropped, 0);
        if (lost > 0)
        {
            Write(new FileLogEntry(at, LogLevel.Warning, Category, 0, $"{lost} log entries were dropped: they came faster than the file could take them.", null));
        }
    }

    private void Write(in FileLogEntry entry)
    {
        var day = DateOnly.FromDateTime(entry.Timestamp.UtcDateTime);
        if ((file is null || day != fileDay) && !Open(day))
        {
            return;
        }

        try
        {
            WriteLine(file!, entry);
        }
        catch (IOException ex)
        {
            Fail(filePath!, ex);
        }
    }

    private bool Open(DateOnly day)
    {
        if (failedDay == day)
        {
            return false;
        }

        Close();
        var name = $"{prefix}-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        var path = Path.Combine(directory, name + ".log");
        try
        {
            Directory.CreateDirectory(directory);
            try
            {
                file = OpenFile(path);
            }
            catch (IOException)
            {
                // Most likely another Orch process is writing today's file (it holds a lock on it);
                // appending to it as well would interleave and overwrite lines, so this process
                // writes a file of its own.
                path = Path.Combine(directory, $"{name}-{Environment.ProcessId}.log");
                file = OpenFile(path);
            }

            filePath = path;
            fileDay = day;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A bad path is reported like an unwritable one: logging must never stop the host.
            failedDay = day;
            Report(path, ex);
            return false;
        }
    }

    private static StreamWriter OpenFile(string path)
    {
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            // Other processes may read the file but not write it. On Unix .NET turns FileShare.None into
            // an advisory lock that only other .NET writers (and readers) honour; tail, less and grep
            // read it while it is written. Windows enforces the share mode itself, so readers are let in.
            Share = OperatingSystem.IsWindows() ? FileShare.Read | FileShare.Delete : FileShare.None,
            BufferSize = 0,
        });
        return new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
    }

    private void Flush()
    {
        try
        {
            file?.Flush();
        }
        catch (IOException ex)
        {
            Fail(filePath!, ex);
        }
    }

    private void Fail(string path, IOException exception)
    {
        failedDay = fileDay;
        Close();
        Report(path, exception);
    }

    private void Close()
    {
        var closed = file;
        file = null;
        try
        {
            closed?.Dispose();
        }
        catch (IOException)
        {
            // The buffered tail could not be written; the failure was or will be reported by Fail.
        }
    }

    private void Report(string path, Exception exception)
    {
        if (failureReported)
        {
            return;
        }

        failureReported = true;
        errors.WriteLine($"Orch: logging without a log file: {path} cannot be written ({exception.Message}).");
        errors.Flush();
    }

    private static void WriteLine(TextWriter output, in FileLogEntry entry)
    {
        Span<char> stamp = stackalloc char[32];
        entry.Timestamp.UtcDateTime.TryFormat(stamp, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        output.Write(stamp[..length]);
        output.Write(' ');
        output.Write(LevelName(entry.Level));
        output.Write(' ');
        output.Write(entry.Category);
        output.Write('[');
        output.Write(entry.EventId);
        output.Write("] ");
        WriteOnOneLine(output, entry.Message);
        if (entry.Exception is not null)
        {
            output.Write(" | ");
            WriteOnOneLine(output, entry.Exception);
        }

        output.Write('\n');
    }

    /// <summary>One line per entry, so that the file can be read with grep and tail: line breaks become <c>\n</c>.</summary>
    private static void WriteOnOneLine(TextWriter output, ReadOnlySpan<char> text)
    {
        while (text.IndexOfAny(LineBreaks) is var at and >= 0)
        {
            output.Write(text[..at]);
            output.Write("\\n");
            var width = text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1;
            text = text[(at + width)..];
        }

        output.Write(text);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "CRIT ",
    };
}
