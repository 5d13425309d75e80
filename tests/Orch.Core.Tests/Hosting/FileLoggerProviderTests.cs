using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Orch.Core.Hosting;
using Orch.Testing;

namespace Orch.Core.Tests.Hosting;

public sealed partial class FileLoggerProviderTests
{
    private const string Prefix = "orch-test";

    [Fact]
    public void Entry_IsOneLine_WithUtcTimestampLevelCategoryEventIdMessageAndException()
    {
        using var folder = new TempDirectory();
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2)));
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, clock, TextWriter.Null))
        {
            var logger = provider.CreateLogger("Orch.Core.Plans.Planner");
            logger.Log(LogLevel.Information, new EventId(7), "Planned {Count} tasks", null, (s, _) => s.Replace("{Count}", "3", StringComparison.Ordinal));
            logger.Log(LogLevel.Error, new EventId(8), "Run failed", new InvalidOperationException("disk on fire"), (s, _) => s);
        }

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "orch-test-20260304.log"));

        Assert.Equal(2, lines.Length);
        Assert.Equal("2026-03-04T03:06:07.890Z INFO  Orch.Core.Plans.Planner[7] Planned 3 tasks", lines[0]);
        Assert.StartsWith("2026-03-04T03:06:07.890Z ERROR Orch.Core.Plans.Planner[8] Run failed | System.InvalidOperationException: disk on fire", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void FileName_IsTheEntrysUtcDay_AndANewDayStartsANewFile()
    {
        using var folder = new TempDirectory();
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, clock, TextWriter.Null))
        {
            var logger = provider.CreateLogger("Orch");
            Log(logger, "last of the year");
            clock.Advance(TimeSpan.FromSeconds(2));
            Log(logger, "first of the year");
        }

        Assert.Equal(["orch-test-20261231.log", "orch-test-20270101.log"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.EndsWith("last of the year", Assert.Single(File.ReadAllLines(Path.Combine(folder.Path, "orch-test-20261231.log"))), StringComparison.Ordinal);
        Assert.EndsWith("first of the year", Assert.Single(File.ReadAllLines(Path.Combine(folder.Path, "orch-test-20270101.log"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_AreAppendedToTodaysFile_AcrossProviders()
    {
        using var folder = new TempDirectory();
        var clock = new ManualClock();
        for (var run = 1; run <= 2; run++)
        {
            using var provider = new FileLoggerProvider(folder.Path, Prefix, clock, TextWriter.Null);
            Log(provider.CreateLogger("Orch"), $"run {run}");
        }

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.Equal(["run 1", "run 2"], lines.Select(l => l[(l.LastIndexOf(' ') - 3)..]));
    }

    [Fact]
    public async Task Dispose_WritesEveryQueuedEntry_InOrder_FromManyThreads()
    {
        using var folder = new TempDirectory();
        const int Threads = 4;
        const int PerThread = 1500;
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, TimeProvider.System, TextWriter.Null))
        {
            await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
            {
                var logger = provider.CreateLogger($"Thread{t}");
                for (var i = 0; i < PerThread; i++)
                {
                    Log(logger, $"entry {i}");
                }
            }, TestTimeout.Token)));
        }

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.Equal(Threads * PerThread, lines.Length);
        for (var t = 0; t < Threads; t++)
        {
            // Each thread's entries keep their order.
            var own = lines.Where(l => l.Contains($" Thread{t}[0] ", StringComparison.Ordinal)).Select(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..])).ToList();
            Assert.Equal(Enumerable.Range(0, PerThread), own);
        }
    }

    [Fact]
    public void FullQueue_DropsEntriesWithoutWaiting_AndTheFileSaysHowMany()
    {
        using var folder = new TempDirectory();
        const int Total = 20_000;
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, new ManualClock(), TextWriter.Null, capacity: 1))
        {
            var logger = provider.CreateLogger("Orch");
            for (var i = 0; i < Total; i++)
            {
                Log(logger, $"entry {i}");
            }
        }

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(folder.Path)));
        var notices = lines.Where(l => l.Contains(" log entries were dropped: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Contains(" WARN  Orch.Core.Hosting.FileLoggerProvider[0] ", n, StringComparison.Ordinal));
        var reported = notices.Sum(n => int.Parse(n.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]));
        Assert.Equal(Total, lines.Length - notices.Count + reported);
    }

    [Fact]
    public void MessageWithLineBreaks_StaysOnOneLine()
    {
        using var folder = new TempDirectory();
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, new ManualClock(), TextWriter.Null))
        {
            var logger = provider.CreateLogger("Orch");
            Log(logger, "first\nsecond\r\nthird\rfourth\u2028fifth");
            Log(logger, "next entry");
        }

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(@"[0] first\nsecond\nthird\nfourth\nfifth", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("[0] next entry", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void HugeMessage_IsCut_WithItsLength_AndTheNextEntryKeepsItsLine()
    {
        using var folder = new TempDirectory();
        var huge = new string('x', 5_000_000);
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, new ManualClock(), TextWriter.Null))
        {
            var logger = provider.CreateLogger("Orch");
            Log(logger, huge);
            Log(logger, "after");
        }

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.Equal(2, lines.Length);
        Assert.Contains(new string('x', FileLogEntry.MaxTextLength) + "… [cut: 5000000 characters in all]", lines[0], StringComparison.Ordinal);
        Assert.True(lines[0].Length < FileLogEntry.MaxTextLength + 200);
        Assert.EndsWith("[0] after", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void SecondWriterOfTheSameDay_WritesAFileOfItsOwn()
    {
        using var folder = new TempDirectory();
        var clock = new ManualClock();
        using (var first = new FileLoggerProvider(folder.Path, Prefix, clock, TextWriter.Null))
        using (var second = new FileLoggerProvider(folder.Path, Prefix, clock, TextWriter.Null))
        {
            Log(first.CreateLogger("Orch"), "from the first");
            // The first holds today's file once its entry is written; the second must not write into it.
            WaitFor(() => Directory.GetFiles(folder.Path).Length == 1);
            Log(second.CreateLogger("Orch"), "from the second");
        }

        var files = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["orch-test-20261122-" + Environment.ProcessId + ".log", "orch-test-20261122.log"], files);
        Assert.EndsWith("from the first", Assert.Single(File.ReadAllLines(Path.Combine(folder.Path, files[1]!))), StringComparison.Ordinal);
        Assert.EndsWith("from the second", Assert.Single(File.ReadAllLines(Path.Combine(folder.Path, files[0]!))), StringComparison.Ordinal);
    }

    [Fact]
    public void UnusableDirectory_IsReportedOnce_AndLoggingGoesOn()
    {
        using var folder = new TempDirectory();
        var notADirectory = Path.Combine(folder.Path, "logs");
        File.WriteAllText(notADirectory, "a file where the log directory should be");
        var errors = new StringWriter();
        using (var provider = new FileLoggerProvider(notADirectory, Prefix, new ManualClock(), errors))
        {
            var logger = provider.CreateLogger("Orch");
            for (var i = 0; i < 5; i++)
            {
                Log(logger, $"entry {i}");
            }
        }

        var report = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Orch: logging without a log file: " + Path.Combine(notADirectory, "orch-test-20261122.log"), report, StringComparison.Ordinal);
        Assert.Equal("a file where the log directory should be", File.ReadAllText(notADirectory));
    }

    [Fact]
    public void NothingIsCreated_UntilTheFirstEntry()
    {
        using var folder = new TempDirectory();
        var directory = Path.Combine(folder.Path, "logs");

        using (new FileLoggerProvider(directory, Prefix, new ManualClock(), TextWriter.Null))
        {
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Line_MatchesTheDocumentedShape()
    {
        using var folder = new TempDirectory();
        using (var provider = new FileLoggerProvider(folder.Path, Prefix, TimeProvider.System, TextWriter.Null))
        {
            var logger = provider.CreateLogger("Orch.Mcp");
            foreach (var (level, name) in new[] { (LogLevel.Trace, "Trace"), (LogLevel.Debug, "Debug"), (LogLevel.Information, "Information"), (LogLevel.Warning, "Warning"), (LogLevel.Error, "Error"), (LogLevel.Critical, "Critical") })
            {
                logger.Log(level, new EventId(42), name, null, (s, _) => s);
            }
        }

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.Equal(6, lines.Length);
        Assert.All(lines, l => Assert.Matches(LineShape(), l));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR|CRIT ) Orch\.Mcp\[42\] \w+$")]
    private static partial Regex LineShape();

    private static void Log(ILogger logger, string message) =>
        logger.Log(LogLevel.Information, default, message, null, (s, _) => s);

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            Thread.Sleep(10);
        }
    }
}
