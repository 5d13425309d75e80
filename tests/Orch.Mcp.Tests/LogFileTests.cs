using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>Orch.Mcp's log file under the data directory, written by the real process beside its stderr.</summary>
public sealed partial class LogFileTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Server_WritesItsLogToADailyFileUnderTheDataDirectory_AndOnlyProtocolToStdout()
    {
        using var data = new TempDirectory();
        var before = DateTime.UtcNow;
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, Ct);

        var tools = await session.RequestAsync("tools/list", new JsonObject(), Ct);
        Assert.Contains(tools["result"]!["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "plan");
        // A tool call waits for storage and the scheduler, so the host has started by its answer.
        await session.RequestAsync("tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject() }, Ct);
        session.Process.StandardInput.Close();
        Assert.Equal(0, await session.Process.WaitForExitAsync(Ct));

        var days = new[] { before, DateTime.UtcNow }.Select(d => $"orch-mcp-{d.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.log").ToHashSet();
        var files = Directory.GetFiles(Path.Combine(data.Path, "logs"));
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(Path.GetFileName(f), days));
        var lines = files.Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToList();
        Assert.All(lines, l => Assert.Matches(LogLine(), l));
        Assert.Contains(lines, l => l.Contains(" INFO  ModelContextProtocol.Server.StdioServerTransport[", StringComparison.Ordinal) && l.EndsWith("transport reading messages.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" INFO  Microsoft.Hosting.Lifetime[0] Application started.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("method 'tools/list' request handler completed", StringComparison.Ordinal));
        // The shutdown is in the file too: what was queued is written when the process ends.
        Assert.Contains(lines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));

        AssertOnlyProtocolOnStdout(session.Process);
        Assert.Contains("transport reading messages", session.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogDirectoryThatCannotBeMade_IsReportedOnceOnStderr_AndTheServerWorks()
    {
        using var data = new TempDirectory();
        var logs = Path.Combine(data.Path, "logs");
        await File.WriteAllTextAsync(logs, "a file where the log directory would go", Ct);
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, Ct);

        var tools = await session.RequestAsync("tools/list", new JsonObject(), Ct);
        Assert.NotEmpty(tools["result"]!["tools"]!.AsArray());
        session.Process.StandardInput.Close();
        Assert.Equal(0, await session.Process.WaitForExitAsync(Ct));

        var reports = session.Process.Stderr.Split('\n').Where(l => l.StartsWith("Orch: logging without a log file:", StringComparison.Ordinal)).ToList();
        Assert.Contains(logs, Assert.Single(reports), StringComparison.Ordinal);
        Assert.Contains("transport reading messages", session.Process.Stderr, StringComparison.Ordinal);
        Assert.Equal("a file where the log directory would go", await File.ReadAllTextAsync(logs, Ct));
        AssertOnlyProtocolOnStdout(session.Process);
    }

    private static void AssertOnlyProtocolOnStdout(HostProcess process)
    {
        var lines = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("2.0", JsonNode.Parse(l)!["jsonrpc"]!.GetValue<string>()));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR|CRIT ) [\w.]+\[-?\d+\] ")]
    private static partial Regex LogLine();
}
