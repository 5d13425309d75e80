using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>Orch.Mcp started as a separate process by the MCP C# SDK's own client, over stdio.</summary>
internal sealed class SdkServer : IAsyncDisposable
{
    private readonly TempDirectory? ownData;

    private SdkServer(McpClient client, string dataDirectory, TempDirectory? ownData, StringWriter stderr)
    {
        Client = client;
        DataDirectory = dataDirectory;
        this.ownData = ownData;
        Stderr = stderr;
    }

    public McpClient Client { get; }

    public string DataDirectory { get; }

    public StringWriter Stderr { get; }

    public static async Task<SdkServer> StartAsync(
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null,
        McpClientHandlers? handlers = null,
        string? dataDirectory = null,
        string? protocolVersion = null)
    {
        var own = dataDirectory is null ? new TempDirectory() : null;
        var data = dataDirectory ?? own!.Path;
        var environment = new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data,
            ["DOTNET_NOLOGO"] = "1",
            ["Orch__Execution__PollMilliseconds"] = "100",
            ["Orch__Execution__RecoverySeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var stderr = new StringWriter();
        var dll = HostProcess.ProjectDll("Orch.Mcp");
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "orch",
            Command = "dotnet",
            Arguments = [dll],
            WorkingDirectory = Path.GetDirectoryName(dll),
            EnvironmentVariables = environment,
            StandardErrorLines = line =>
            {
                lock (stderr)
                {
                    stderr.WriteLine(line);
                }
            },
        });
        var options = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "orch-sdk-tests", Version = "1.0" },
            Handlers = handlers ?? new McpClientHandlers(),
            ProtocolVersion = protocolVersion,
            // The newest revision is probed first; a server still starting up on a busy machine may take longer than the 5 s default.
            DiscoverProbeTimeout = TimeSpan.FromSeconds(60),
        };
        var client = await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
        return new SdkServer(client, data, own, stderr);
    }

    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await Client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed: {Text(result)}\n{Stderr}");
        }

        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent!.Value;
    }

    /// <summary>Calls a tool that must fail and returns its error text.</summary>
    public async Task<string> FailAsync(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await Client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        Assert.True(result.IsError, $"{tool} was expected to fail but answered: {Text(result)}");
        return Text(result);
    }

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>Long-polls status until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForAsync(string projectId, Func<JsonElement, bool> done, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(90));
        JsonElement status = default;
        while (DateTime.UtcNow < deadline)
        {
            status = await CallAsync("status", new() { ["project_id"] = projectId, ["wait_seconds"] = 5 }, cancellationToken);
            if (done(status))
            {
                return status;
            }
        }

        throw new TimeoutException($"The project did not reach the state waited for. Last status: {status}");
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        ownData?.Dispose();
    }
}
