using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Orch.Testing;

/// <summary>
/// One of Orch's hosts (Orch.Mcp, Orch.Admin) as a real process: started with `dotnet` from its build
/// output, with its own environment; stdout lines can be read one by one, stderr is collected.
/// Killed on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> stdoutLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();

    private HostProcess(Process process)
    {
        this.process = process;
    }

    public StreamWriter StandardInput => process.StandardInput;

    public string Stdout
    {
        get
        {
            lock (gate)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>The operating system's id of the process, to look at it under /proc.</summary>
    public int Id => process.Id;

    /// <summary>Starts <c>src/{project}/bin/{configuration}/net10.0/{project}.dll</c>, built with the tests.</summary>
    public static HostProcess Start(string project, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var dll = ProjectDll(project);

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
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A clean slate: no settings of the machine running the tests leak in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Orch__", StringComparison.OrdinalIgnoreCase) || k is "ORCH_CONFIG" or "ASPNETCORE_URLS" or "ASPNETCORE_ENVIRONMENT").ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                host.stdoutLines.Writer.TryComplete();
                return;
            }

            lock (host.gate)
            {
                host.stdout.AppendLine(e.Data);
            }

            host.stdoutLines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (host.gate)
                {
                    host.stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The next line the process wrote to stdout; fails if it closed stdout first.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await stdoutLines.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The process closed stdout. Its stderr:{Environment.NewLine}{Stderr}");
        }
    }

    /// <summary>Kills the process at once, as <c>kill -9</c> does (SIGKILL on Linux): no shutdown code runs.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancellationToken);
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
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

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Orch.sln was not found above the test output.");
    }

    /// <summary>The built <c>{project}.dll</c> under <c>src/</c>, in the configuration of the tests; fails clearly when missing.</summary>
    public static string ProjectDll(string project)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", project, "bin", BuildConfiguration(), "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: the test project should reference {project}.", dll);
    }

    /// <summary>Debug or Release: the configuration the tests themselves were built in.</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
}
