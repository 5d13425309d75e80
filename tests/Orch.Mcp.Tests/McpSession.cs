using System.Text.Json;
using System.Text.Json.Nodes;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>A JSON-RPC session with a real Orch.Mcp process over its stdio.</summary>
internal sealed class McpSession : IAsyncDisposable
{
    private int nextId = 1;

    private McpSession(HostProcess process)
    {
        Process = process;
    }

    public HostProcess Process { get; }

    /// <summary>The server's notifications read so far, in the order they came over stdout.</summary>
    public List<JsonNode> Notifications { get; } = [];

    public static async Task<McpSession> StartAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var session = new McpSession(HostProcess.Start("Orch.Mcp", environment));
        await session.RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "orch-tests", ["version"] = "1.0" },
        }, cancellationToken);
        await session.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }, cancellationToken);
        return session;
    }

    /// <summary>Calls a tool and returns its structured content; fails the test on a tool error.</summary>
    public async Task<JsonNode> ToolAsync(string name, JsonObject arguments, CancellationToken cancellationToken)
    {
        var result = (await RequestAsync("tools/call", new JsonObject { ["name"] = name, ["arguments"] = arguments }, cancellationToken))["result"]!;
        if (result["isError"]?.GetValue<bool>() == true)
        {
            throw new InvalidOperationException($"{name} failed: {result["content"]?[0]?["text"]}");
        }

        return result["structuredContent"]!;
    }

    /// <summary>Plans the requirements offline, approves and executes; returns the project's id.</summary>
    public async Task<string> PlanApproveExecuteAsync(string requirements, CancellationToken cancellationToken)
    {
        var plan = await ToolAsync("plan", new JsonObject { ["requirements"] = requirements }, cancellationToken);
        await ToolAsync("approve", new JsonObject { ["plan_id"] = plan["plan_id"]!.GetValue<string>() }, cancellationToken);
        var project = plan["project_id"]!.GetValue<string>();
        await ToolAsync("execute", new JsonObject { ["project_id"] = project }, cancellationToken);
        return project;
    }

    /// <summary>Asks for status (long-polling) until <paramref name="done"/> holds.</summary>
    public async Task<JsonNode> WaitForAsync(string projectId, Func<JsonNode, bool> done, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(90));
        JsonNode? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await ToolAsync("status", new JsonObject { ["project_id"] = projectId, ["wait_seconds"] = 5 }, cancellationToken);
            if (done(status))
            {
                return status;
            }
        }

        throw new TimeoutException($"The project did not reach the state waited for. Last status: {status?.ToJsonString()}");
    }

    public static int Count(JsonNode status, string taskStatus) =>
        status["tasks"]!.AsArray().Count(t => t!["status"]!.GetValue<string>() == taskStatus);

    public async Task<JsonNode> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = nextId++;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellationToken);
        while (true)
        {
            string line;
            try
            {
                line = await Process.ReadLineAsync(cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                throw new TimeoutException($"No answer to {method}. The server's stderr:{Environment.NewLine}{Process.Stderr[^Math.Min(Process.Stderr.Length, 6000)..]}", ex);
            }

            var message = JsonNode.Parse(line)!;
            if (message["id"] is null && message["method"] is not null)
            {
                Notifications.Add(message);
            }

            if (message["id"]?.GetValueKind() == JsonValueKind.Number && message["id"]!.GetValue<int>() == id)
            {
                Assert.Null(message["error"]);
                return message;
            }
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        await Process.StandardInput.WriteLineAsync(message.ToJsonString());
        await Process.StandardInput.FlushAsync(cancellationToken);
    }
}
