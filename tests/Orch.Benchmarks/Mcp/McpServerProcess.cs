using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orch.Benchmarks.Mcp;

/// <summary>
/// The built Orch.Mcp started as assistants start it (<c>dotnet Orch.Mcp.dll</c>), spoken to in JSON-RPC,
/// one message a line, over its stdio. Stdout is read directly, not through process events, so that a
/// timing ends when the line arrives rather than when a thread-pool callback gets round to it. Killed on
/// dispose.
/// </summary>
internal sealed class McpServerProcess : IAsyncDisposable
{
    /// <summary>The protocol version the stdio tests speak.</summary>
    public const string ProtocolVersion = "2025-06-18";

    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();
    private int nextId = 1;

    private McpServerProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    /// <summary>Starts <paramref name="dll"/> from its own folder with only the given Orch settings in its environment.</summary>
    public static McpServerProcess Start(string dll, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add(dll);

        // Settings of the machine running the bench would make the numbers depend on it.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Orch__", StringComparison.OrdinalIgnoreCase) || k is "ORCH_CONFIG" or "DOTNET_gcServer").ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new McpServerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server.gate)
                {
                    server.stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The <c>initialize</c> handshake, then the <c>initialized</c> notification; returns the answer's line.</summary>
    public async Task<string> InitializeAsync(CancellationToken cancellationToken)
    {
        var answer = await RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = ProtocolVersion,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "orch-bench", ["version"] = "1.0" },
        }, cancellationToken);
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }, cancellationToken);
        return answer;
    }

    /// <summary>Sends a request and returns its answer's line as it arrived; lines of other messages (notifications) are passed over.</summary>
    public async Task<string> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = nextId++;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(AnswerLimit);
        while (true)
        {
            string? line;
            try
            {
                // WaitAsync as well: a pending read on a pipe does not always observe its token.
                line = await process.StandardOutput.ReadLineAsync(limit.Token).AsTask().WaitAsync(limit.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Orch.Mcp did not answer {method} within {AnswerLimit.TotalSeconds:F0} s. Its stderr:{Environment.NewLine}{Stderr()}", ex);
            }

            if (line is null)
            {
                throw new InvalidOperationException($"Orch.Mcp closed stdout before answering {method}. Its stderr:{Environment.NewLine}{Stderr()}");
            }

            using var message = JsonDocument.Parse(line);
            if (message.RootElement.TryGetProperty("id", out var answered) && answered.ValueKind == JsonValueKind.Number && answered.GetInt32() == id)
            {
                if (message.RootElement.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"{method} failed: {error.GetRawText()}");
                }

                return line;
            }
        }
    }

    /// <summary>
    /// Resident memory from <c>/proc/&lt;pid&gt;/status</c> (Linux only), in MiB: now, the part of it that is the
    /// process's own (anonymous: heaps, JIT code; the rest is mapped files such as the framework's
    /// assemblies, shared with other .NET processes), and the peak.
    /// </summary>
    public (double RssMib, double AnonymousMib, double PeakMib) Memory()
    {
        var fields = File.ReadLines($"/proc/{process.Id}/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        static double Mib(string value) => double.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Mib(fields["VmRSS"]), Mib(fields["RssAnon"]), Mib(fields["VmHWM"]));
    }

    /// <summary>
    /// CPU time (user + system) the process has used so far, in ms, from <c>/proc/&lt;pid&gt;/stat</c> (Linux
    /// only; 10 ms ticks). Unlike wall time it does not grow when other work shares the cores.
    /// </summary>
    public double CpuMilliseconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // The command name in parentheses may hold spaces; the fields after it are fixed: utime is 14th, stime 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Everything the server wrote to stderr so far: its log lines.</summary>
    public string StderrText()
    {
        lock (gate)
        {
            return stderr.ToString();
        }
    }

    private string Stderr()
    {
        lock (gate)
        {
            return stderr.ToString(Math.Max(0, stderr.Length - 6000), Math.Min(stderr.Length, 6000));
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync(message.ToJsonString().AsMemory(), cancellationToken);
        await process.StandardInput.FlushAsync(cancellationToken);
    }
}
