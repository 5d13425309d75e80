using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orch.Testing;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// Orch.Admin as it is deployed: the built app (<c>src/Orch.Admin/bin/&lt;configuration&gt;/net10.0</c>, built
/// with this bench through its project reference) started as its own process (<c>dotnet Orch.Admin.dll</c>)
/// in the Production environment, on a free loopback port and a given data directory, with only the
/// settings given (no API key: the offline provider). Ready when <c>/ready</c> answers. Killed on dispose.
/// </summary>
internal sealed class AdminProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly Queue<string> lastLines = new();
    private readonly Lock gate = new();

    private AdminProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    public int Id => process.Id;

    /// <summary>From starting the process to the first successful <c>/ready</c>.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>
    /// Starts the dashboard on <paramref name="dataDirectory"/> and waits until it is ready. Settings are Orch's
    /// keys in either form (<c>Orch:Execution:RunTasks</c>) or other environment variables (<c>DOTNET_gcServer</c>).
    /// </summary>
    public static async Task<AdminProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var dll = AppDll();
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add(dll);

        // Settings of the machine running the bench would make the numbers depend on it.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Orch__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k is "ORCH_CONFIG" or "DOTNET_ENVIRONMENT" or "DOTNET_gcServer").ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Orch__DataDirectory"] = dataDirectory;
        info.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var app = new AdminProcess(new Process { StartInfo = info }, baseAddress);
        // Both streams are drained, or a full pipe would stall the app's logging and with it the app.
        app.process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(cancellationToken);
            app.StartedIn = Stopwatch.GetElapsedTime(started);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for the app that keeps cookies and does not follow redirects, as a signed-in browser's requests would be.</summary>
    public HttpClient CreateClient(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = BaseAddress };

    public MemoryUse Memory() => ProcessStats.Memory(process.Id);

    public double CpuMilliseconds() => ProcessStats.CpuMilliseconds(process.Id);

    /// <summary>The app's last lines of output, for a failure's message.</summary>
    public string Output()
    {
        lock (gate)
        {
            return string.Join(Environment.NewLine, lastLines);
        }
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

    /// <summary>Whether the app's runtimeconfig.json turns server GC on (ASP.NET Core's default); otherwise .NET runs the workstation GC.</summary>
    public static bool ServerGcConfigured()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(AppDll(), ".runtimeconfig.json")))!;
        return config["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>() ?? false;
    }

    /// <summary>The app measured: <c>src/Orch.Admin/bin/&lt;this bench's configuration&gt;/net10.0/Orch.Admin.dll</c> unless the bench was given another.</summary>
    public static string? ChosenDll { get; set; }

    private static string AppDll()
    {
        if (ChosenDll is not null)
        {
            return ChosenDll;
        }

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";
        var dll = Path.Combine(HostProcess.RepositoryRoot(), "src", "Orch.Admin", "bin", configuration, "net10.0", "Orch.Admin.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the bench, which builds Orch.Admin with it.", dll);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 60)
            {
                lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadyLimit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Orch.Admin exited with {process.ExitCode}:{Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, but too busy starting to answer within the client's timeout.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"Orch.Admin was not ready within {ReadyLimit.TotalSeconds:F0} s:{Environment.NewLine}{Output()}");
    }
}
