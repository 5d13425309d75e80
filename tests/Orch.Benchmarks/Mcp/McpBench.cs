using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orch.Benchmarks.Mcp;

/// <summary>
/// Orch.Mcp as an assistant meets it: the built server (<c>src/Orch.Mcp/bin/&lt;configuration&gt;/net10.0</c>,
/// built with this bench through its project reference) started as a real, framework-dependent process
/// (<c>dotnet Orch.Mcp.dll</c>). Measures cold start to the first answers, the size of <c>tools/list</c>,
/// idle memory, and <c>status</c> on a 1,000-task project — in process and over stdio — against targets.
/// Usage: dotnet run -c Release --project tests/Orch.Benchmarks -- mcp [--runs 10] [--only start|memory|status] [--server path/to/Orch.Mcp.dll]
/// </summary>
internal static class McpBench
{
    private const int StatusIterations = 200;

    /// <summary>Calls before the timed ones: past 30 calls .NET recompiles a method optimised, and a server that answers status often runs that code.</summary>
    private const int StatusWarmUp = 50;

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(string[] args)
    {
        var runs = 10;
        string? only = null;
        string? server = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--server" when i + 1 < args.Length:
                    server = Path.GetFullPath(args[++i]);
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1] is "start" or "memory" or "status":
                    only = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: mcp [--runs N] [--only start|memory|status] [--server path/to/Orch.Mcp.dll]");
            }
        }

        var ct = CancellationToken.None;
        // By default the Release build beside the bench; --server measures another one, such as the
        // ahead-of-time compiled server of the linux-x64 tool package (bin/Release/net10.0/linux-x64/publish).
        var dll = server ?? ServerDll();
        var rows = new List<Row>();

        Console.Error.WriteLine($"Orch.Mcp: {dll}");
        if (only is null or "start")
        {
            await MeasureStartAsync(dll, runs, rows, ct);
        }

        if (only is null or "memory")
        {
            await MeasureMemoryAsync(dll, rows, ct);
        }

        if (only is null or "status")
        {
            await MeasureStatusAsync(dll, rows, ct);
        }

        Console.WriteLine();
        Console.WriteLine("| measure | target | measured | result |");
        Console.WriteLine("| --- | ---: | ---: | :---: |");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Measure} | {row.Target} | {row.Measured} | {row.Pass switch { true => "pass", false => "FAIL", null => "—" }} |");
        }
    }

    private static async Task MeasureStartAsync(string dll, int runs, List<Row> rows, CancellationToken ct)
    {
        Console.Error.WriteLine($"cold start, {runs} runs…");
        var (initialize, initializeCpu, toolsList, firstCall, toolsLine) = await ColdStartAsync(dll, runs, ct);
        rows.Add(Row.Timing($"cold start → `initialize` answered ({runs} runs)", initialize, 1_500));
        rows.Add(Row.Timing("… the server's CPU time (user + sys) by then", initializeCpu, null));
        rows.Add(Row.Timing($"cold start → first `tools/list` answered ({runs} runs)", toolsList, null));
        rows.Add(Row.Timing($"cold start → first `list_projects` answered: schema created, scheduler up ({runs} runs)", firstCall, null));

        using (var list = JsonDocument.Parse(toolsLine))
        {
            var result = list.RootElement.GetProperty("result");
            var lineBytes = Encoding.UTF8.GetByteCount(toolsLine);
            rows.Add(new Row(
                "`tools/list` answer, bytes",
                "< 16,000",
                $"line {lineBytes:N0} (`result` {Encoding.UTF8.GetByteCount(result.GetRawText()):N0}); {result.GetProperty("tools").GetArrayLength()} tools",
                lineBytes < 16_000));
        }
    }

    private static async Task MeasureMemoryAsync(string dll, List<Row> rows, CancellationToken ct)
    {
        var serverGc = ServerGcConfigured(dll);
        foreach (var gcServer in new[] { serverGc, !serverGc })
        {
            Console.Error.WriteLine($"idle memory, {(gcServer ? "server" : "workstation")} GC…");
            var (rss, anonymous, peak) = await IdleMemoryAsync(dll, gcServer, ct);
            var configured = gcServer == serverGc;
            rows.Add(new Row(
                $"idle RSS after initialize + `tools/list` + {Idle.TotalSeconds:F0} s, {(gcServer ? "server" : "workstation")} GC{(configured ? " (as built)" : $" (DOTNET_gcServer={(gcServer ? 1 : 0)})")}",
                configured ? "< 150 MB (143.1 MiB)" : "—",
                Memory(rss, anonymous, peak),
                configured ? rss * 1024 * 1024 < 150_000_000 : null));
        }
    }

    private static async Task MeasureStatusAsync(string dll, List<Row> rows, CancellationToken ct)
    {
        Console.Error.WriteLine($"status: running a {StatusProject.Size}-task project half way…");
        await using (var project = await StatusProject.CreateAsync(ct))
        {
            var counts = string.Join(", ", project.View.TaskCounts.OrderByDescending(c => c.Value).Select(c => $"{c.Value} {c.Key.ToLowerInvariant()}"));
            Console.Error.WriteLine($"status: measuring in process ({counts}; project {project.View.Status.ToString().ToLowerInvariant()})…");
            var (read, tool, resultBytes) = await project.MeasureStatusAsync(StatusWarmUp, StatusIterations, ct);
            rows.Add(Row.Timing($"`status` in the bench's process: ReadAsync only ({StatusIterations} calls)", read, null));
            rows.Add(Row.Timing($"`status` in the bench's process: ReadAsync + RunSummary + JSON ({StatusIterations} calls)", tool, null));

            await project.StopAsync();
            Console.Error.WriteLine("status: measuring over stdio…");
            var (roundTrip, inServer, lineBytes, (rss, anonymous, peak)) = await StatusOverStdioAsync(dll, project, ct);
            rows.Add(Row.Timing($"`status` inside Orch.Mcp, request at the handler → result built, as the server logs it ({StatusIterations} calls)", inServer, 20));
            rows.Add(Row.Timing($"`status` over stdio, round trip ({StatusIterations} calls)", roundTrip, null));
            rows.Add(new Row("`status` answer, bytes", "—", $"line {lineBytes:N0} (`result` in process {resultBytes:N0})", null));
            rows.Add(new Row($"RSS after {StatusIterations} `status` calls", "—", Memory(rss, anonymous, peak), null));
            Console.WriteLine($"`status` project: {StatusProject.Size} tasks ({counts}), paused; Orch.Mcp started on its data directory with Orch__Execution__RunTasks=false.");
        }
    }

    /// <summary>
    /// Each run on a fresh, empty data directory: from starting the process to the answer of initialize,
    /// of the tools/list sent right after it, and of a first tool call, which waits until the schema of the
    /// empty database is created and the scheduler has started. The CPU time the server used until initialize was
    /// answered tells start-up work apart from waiting for cores that other work holds.
    /// </summary>
    private static async Task<(Samples Initialize, Samples InitializeCpu, Samples ToolsList, Samples FirstCall, string ToolsLine)> ColdStartAsync(string dll, int runs, CancellationToken cancellationToken)
    {
        var initialize = new List<double>();
        var initializeCpu = new List<double>();
        var toolsList = new List<double>();
        var firstCall = new List<double>();
        var toolsLine = string.Empty;
        for (var run = 0; run < runs; run++)
        {
            var directory = Directory.CreateTempSubdirectory("orch-bench-mcp").FullName;
            try
            {
                var started = Stopwatch.GetTimestamp();
                await using var server = McpServerProcess.Start(dll, new Dictionary<string, string?> { ["Orch__DataDirectory"] = directory });
                await server.InitializeAsync(cancellationToken);
                initialize.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                initializeCpu.Add(server.CpuMilliseconds());
                toolsLine = await server.RequestAsync("tools/list", new JsonObject(), cancellationToken);
                toolsList.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var projects = await server.RequestAsync("tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject() }, cancellationToken);
                if (!projects.Contains("\"structuredContent\"", StringComparison.Ordinal) || projects.Contains("\"isError\":true", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("list_projects did not answer with projects: " + projects);
                }

                firstCall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return (Samples.Of(initialize), Samples.Of(initializeCpu), Samples.Of(toolsList), Samples.Of(firstCall), toolsLine);
    }

    private static async Task<(double Rss, double Anonymous, double Peak)> IdleMemoryAsync(string dll, bool gcServer, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("orch-bench-mcp").FullName;
        try
        {
            await using var server = McpServerProcess.Start(dll, new Dictionary<string, string?>
            {
                ["Orch__DataDirectory"] = directory,
                ["DOTNET_gcServer"] = gcServer ? "1" : "0",
            });
            await server.InitializeAsync(cancellationToken);
            await server.RequestAsync("tools/list", new JsonObject(), cancellationToken);
            await Task.Delay(Idle, cancellationToken);
            return server.Memory();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Orch.Mcp on the project's data directory, running no tasks; status called after a warm-up, each call timed from writing the request to reading and parsing the answer's line.</summary>
    private static async Task<(Samples RoundTrip, Samples InServer, int LineBytes, (double Rss, double Anonymous, double Peak) Memory)> StatusOverStdioAsync(string dll, StatusProject project, CancellationToken cancellationToken)
    {
        await using var server = McpServerProcess.Start(dll, new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = project.DataDirectory,
            ["Orch__Execution__RunTasks"] = "false",
            // The server's own timing of each tool call (CallTiming), written to stderr.
            ["Logging__LogLevel__Orch.Mcp.Calls"] = "Debug",
        });
        await server.InitializeAsync(cancellationToken);
        var times = new List<double>(StatusIterations);
        var line = string.Empty;
        for (var i = -StatusWarmUp; i < StatusIterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            line = await server.RequestAsync("tools/call", new JsonObject
            {
                ["name"] = "status",
                ["arguments"] = new JsonObject { ["project_id"] = project.ProjectId.ToString() },
            }, cancellationToken);
            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else if (i == -StatusWarmUp)
            {
                EnsureAllTasks(line);
            }
        }

        var inServer = ServerTimings(server.StderrText(), "status").TakeLast(StatusIterations).ToList();
        if (inServer.Count < StatusIterations)
        {
            throw new InvalidOperationException($"Orch.Mcp logged the timing of {inServer.Count} status calls, not {StatusIterations}; is CallTiming still in its call filters?");
        }

        return (Samples.Of(times), Samples.Of(inServer), Encoding.UTF8.GetByteCount(line), server.Memory());
    }

    /// <summary>The milliseconds of each call of <paramref name="tool"/> that answered with a result, from the server's CallTiming lines.</summary>
    private static IEnumerable<double> ServerTimings(string log, string tool) =>
        Regex.Matches(log, $@"\b{Regex.Escape(tool)} answered with a result in ([0-9.]+) ms")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private static string Memory(double rss, double anonymous, double peak) =>
        $"VmRSS {rss:F1} MiB (anonymous {anonymous:F1}), VmHWM {peak:F1} MiB";

    /// <summary>A status that failed, or saw another project, would make its timing meaningless.</summary>
    private static void EnsureAllTasks(string line)
    {
        var result = JsonNode.Parse(line)!["result"]!;
        var tasks = result["structuredContent"]?["tasks"]?.AsArray().Count;
        if (result["isError"]?.GetValue<bool>() == true || tasks != StatusProject.Size)
        {
            throw new InvalidOperationException($"status did not answer with the project's {StatusProject.Size} tasks: {line[..Math.Min(line.Length, 500)]}");
        }
    }

    /// <summary><c>src/Orch.Mcp/bin/&lt;this bench's configuration&gt;/net10.0/Orch.Mcp.dll</c>, found from the bench's own output folder.</summary>
    private static string ServerDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent?.Name ?? "Release";
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orch.sln")))
            {
                var dll = Path.Combine(directory.FullName, "src", "Orch.Mcp", "bin", configuration, "net10.0", "Orch.Mcp.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the bench, which builds Orch.Mcp with it.", dll);
            }
        }

        throw new InvalidOperationException("Orch.sln was not found above the bench's output.");
    }

    /// <summary>Whether the server's runtimeconfig.json turns server GC on; otherwise .NET runs the workstation GC.</summary>
    private static bool ServerGcConfigured(string dll)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(dll, ".runtimeconfig.json")))!;
        return config["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>() ?? false;
    }

    private sealed record Row(string Measure, string Target, string Measured, bool? Pass)
    {
        /// <summary>A timing: min, median, p95 and max in ms; judged on its p95 when it has a target.</summary>
        public static Row Timing(string measure, Samples samples, double? targetMs) => new(
            measure,
            targetMs is { } target ? $"p95 < {target:N0} ms" : "—",
            $"min {samples.Min:F1} · median {samples.Median:F1} · p95 {samples.P95:F1} · max {samples.Max:F1} ms",
            targetMs is { } limit ? samples.P95 < limit : null);
    }
}
