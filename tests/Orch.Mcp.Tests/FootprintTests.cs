using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>What the real server process loads and how it reports its own timing.</summary>
public sealed partial class FootprintTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Server_OnSqliteWithNoProviderConfigured_MapsNoProviderSdkPostgresOrTelemetryLibrary()
    {
        using var data = new TempDirectory();
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, Ct);

        // A plan runs the offline provider and the database: everything a default session touches.
        var plan = await session.ToolAsync("plan", new JsonObject { ["requirements"] = "Write a short note about tides.\nCheck it for mistakes." }, Ct);
        Assert.NotEmpty(plan["tasks"]!.AsArray());

        var mapped = MappedLibraries(session.Process.Id);
        // The check can fail: the libraries a session does use are there.
        Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite.dll", mapped);
        Assert.Contains("Orch.Core.dll", mapped);
        Assert.DoesNotContain(mapped, name => name.StartsWith("Anthropic", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped, name => name.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped, name => name.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_AtDebugForCalls_LogsHowLongEachToolCallTook_ResultOrError()
    {
        using var data = new TempDirectory();
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data.Path,
            ["Logging__LogLevel__Orch.Mcp.Calls"] = "Debug",
        }, Ct);

        await session.ToolAsync("list_projects", new JsonObject(), Ct);
        var refused = (await session.RequestAsync("tools/call", new JsonObject
        {
            ["name"] = "status",
            ["arguments"] = new JsonObject { ["project_id"] = Guid.NewGuid().ToString() },
        }, Ct))["result"]!;
        Assert.True(refused["isError"]!.GetValue<bool>());

        var timings = await WaitForTimingsAsync(session.Process, 2);
        Assert.Equal(("list_projects", "a result"), (timings[0].Tool, timings[0].Outcome));
        Assert.Equal(("status", "an error"), (timings[1].Tool, timings[1].Outcome));
        Assert.All(timings, t => Assert.InRange(t.Milliseconds, 0, 60_000));
    }

    [Fact]
    public async Task Server_AtTheDefaultLevel_DoesNotLogCallTimings()
    {
        using var data = new TempDirectory();
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, Ct);

        await session.ToolAsync("list_projects", new JsonObject(), Ct);
        await session.RequestAsync("tools/list", new JsonObject(), Ct);

        Assert.Contains("method 'tools/call' request handler completed", session.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(Timing(), session.Process.Stderr);
    }

    private static async Task<List<(string Tool, string Outcome, double Milliseconds)>> WaitForTimingsAsync(HostProcess process, int count)
    {
        // Stderr is read asynchronously: the line may land just after the answer.
        for (var i = 0; i < 100; i++)
        {
            var found = Timing().Matches(process.Stderr)
                .Select(m => (m.Groups["tool"].Value, m.Groups["outcome"].Value, double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture)))
                .ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(50, Ct);
        }

        throw new Xunit.Sdk.XunitException($"Expected {count} call timings on stderr; got:{Environment.NewLine}{process.Stderr}");
    }

    private static HashSet<string> MappedLibraries(int processId) =>
        [.. File.ReadLines($"/proc/{processId}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].StartsWith('/'))
            .Select(fields => Path.GetFileName(fields[5]))];

    [GeneratedRegex(@"(?<tool>[a-z_]+) answered with (?<outcome>a result|an error) in (?<ms>[0-9]+\.[0-9]+) ms")]
    private static partial Regex Timing();
}
