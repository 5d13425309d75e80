using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orch.Testing;

namespace Orch.Mcp.Tests;

/// <summary>Orch.Mcp as an assistant launches it: a real process speaking JSON-RPC over stdio.</summary>
public sealed class StdioServerTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Server_AnswersInitializeAndToolsList_AndWritesOnlyProtocolToStdout()
    {
        using var data = new TempDirectory();
        // Verbose logging on: every log line must still go to stderr, never to stdout.
        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data.Path,
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Trace",
        });

        var initialize = await CallAsync(server, 1, "initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "orch-tests", ["version"] = "1.0" },
        });
        Assert.Equal("orch", initialize["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        await SendAsync(server, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });

        var tools = await CallAsync(server, 2, "tools/list", new JsonObject());
        // Tool definitions cost every assistant context: about 4,000 tokens at most.
        Assert.InRange(tools.ToJsonString().Length, 1, 16_000);
        var listProjects = Assert.Single(tools["result"]!["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "list_projects")!;
        Assert.True(listProjects["annotations"]!["readOnlyHint"]!.GetValue<bool>());
        foreach (var tool in tools["result"]!["tools"]!.AsArray())
        {
            var name = tool!["name"]!.GetValue<string>();
            AssertSchemaSaysWhatEachValueIs(tool["inputSchema"]!, $"{name}.inputSchema");
            AssertSchemaSaysWhatEachValueIs(tool["outputSchema"]!, $"{name}.outputSchema");
        }

        var call = await CallAsync(server, 3, "tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject() });
        Assert.Empty(call["result"]!["structuredContent"]!["projects"]!.AsArray());

        // An Orch error reaches the assistant with its message, as a tool error; the server stays up.
        var bad = await CallAsync(server, 4, "tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject { ["limit"] = 0 } });
        Assert.True(bad["result"]!["isError"]!.GetValue<bool>());
        Assert.Contains("limit: must be between 1 and 1000 (was 0)", bad["result"]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var again = await CallAsync(server, 5, "tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject() });
        Assert.False(again["result"]!["isError"]?.GetValue<bool>() ?? false);

        server.StandardInput.Close();
        Assert.Equal(0, await server.WaitForExitAsync(Ct));
        // Every line on stdout is a JSON-RPC message; logs went to stderr.
        foreach (var line in server.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.Equal("2.0", JsonNode.Parse(line)!["jsonrpc"]!.GetValue<string>());
        }

        Assert.Contains("transport", server.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("trce:", server.Stderr, StringComparison.Ordinal);
        Assert.Contains("dbug:", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ThenApprove_OnTheOfflineDefaults()
    {
        using var data = new TempDirectory();
        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path });
        await InitializeAsync(server);

        var planned = await CallAsync(server, 2, "tools/call", new JsonObject
        {
            ["name"] = "plan",
            ["arguments"] = new JsonObject
            {
                ["requirements"] = "Release notes\n1. Gather the merged changes\n2. Write the release notes\n3. Review them",
                ["budget_usd"] = 5,
            },
        });
        var plan = planned["result"]!["structuredContent"]!;
        Assert.False(planned["result"]!["isError"]?.GetValue<bool>() ?? false);
        Assert.Equal(("draft", 1), (plan["status"]!.GetValue<string>(), plan["version"]!.GetValue<int>()));
        var tasks = plan["tasks"]!.AsArray();
        Assert.Equal(3, tasks.Count);
        Assert.Equal(tasks[0]!["id"]!.GetValue<string>(), tasks[1]!["depends_on"]![0]!.GetValue<string>());
        Assert.Equal(5m, plan["forecast"]!["budget_usd"]!.GetValue<decimal>());

        var revised = await CallAsync(server, 6, "tools/call", new JsonObject
        {
            ["name"] = "revise_plan",
            ["arguments"] = new JsonObject
            {
                ["plan_id"] = plan["plan_id"]!.GetValue<string>(),
                ["edits"] = new JsonArray(new JsonObject { ["id"] = tasks[2]!["id"]!.GetValue<string>(), ["tier"] = "large", ["depends_on"] = new JsonArray(tasks[0]!["id"]!.GetValue<string>()) }),
            },
        });
        plan = revised["result"]!["structuredContent"]!;
        Assert.Equal(2, plan["version"]!.GetValue<int>());
        Assert.Equal("large", plan["tasks"]![2]!["tier"]!.GetValue<string>());
        Assert.Equal(tasks[0]!["id"]!.GetValue<string>(), plan["tasks"]![2]!["depends_on"]![0]!.GetValue<string>());

        var approved = await CallAsync(server, 3, "tools/call", new JsonObject
        {
            ["name"] = "approve",
            ["arguments"] = new JsonObject { ["plan_id"] = plan["plan_id"]!.GetValue<string>() },
        });
        Assert.Equal("approved", approved["result"]!["structuredContent"]!["status"]!.GetValue<string>());

        var again = await CallAsync(server, 4, "tools/call", new JsonObject
        {
            ["name"] = "approve",
            ["arguments"] = new JsonObject { ["plan_id"] = plan["plan_id"]!.GetValue<string>() },
        });
        Assert.True(again["result"]!["isError"]!.GetValue<bool>());
        Assert.Contains("is Approved", again["result"]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var refused = await CallAsync(server, 5, "tools/call", new JsonObject { ["name"] = "plan", ["arguments"] = new JsonObject { ["requirements"] = "  " } });
        Assert.True(refused["result"]!["isError"]!.GetValue<bool>());
        Assert.Contains("requirements: is required", refused["result"]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orch__Storage__BusyTimeoutMs", "-1", "Orch:Storage:BusyTimeoutMs")]
    [InlineData("Orch__Plans__MaxTasks", "many", "Orch:Plans:MaxTasks")]
    [InlineData("Orch__Storage__ConnectionString", "Data Source=:memory:", "Orch:Storage:ConnectionString")]
    [InlineData("Orch__Storag__ConnectionString", "x", "Orch:Storag:ConnectionString")]
    public async Task InvalidConfiguration_RefusesToStart_NamingTheKey_WithNothingOnStdout(string variable, string value, string key)
    {
        using var data = new TempDirectory();
        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data.Path,
            [variable] = value,
        });

        var exitCode = await server.WaitForExitAsync(Ct);

        Assert.Equal(2, exitCode);
        Assert.Contains(key, server.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("Orch did not start", server.Stderr.Split('\n').First(l => l.StartsWith("Orch", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(string.Empty, server.Stdout);
        Assert.False(File.Exists(Path.Combine(data.Path, "orch.db")));
    }

    [Fact]
    public async Task ConfigFileNamedByOrchConfig_MustExist()
    {
        using var data = new TempDirectory();
        var missing = Path.Combine(data.Path, "nowhere.json");
        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?> { ["ORCH_CONFIG"] = missing, ["Orch__DataDirectory"] = data.Path });

        Assert.Equal(2, await server.WaitForExitAsync(Ct));
        Assert.Contains(missing, server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigFileNamedByOrchConfig_IsRead()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "settings.json");
        await File.WriteAllTextAsync(file, """{ "Orch": { "Plans": { "MaxTasks": -3 } } }""", Ct);
        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?> { ["ORCH_CONFIG"] = file, ["Orch__DataDirectory"] = data.Path });

        Assert.Equal(2, await server.WaitForExitAsync(Ct));
        Assert.Contains("Orch:Plans:MaxTasks must be between 1 and 100000 (was -3)", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_AreListed_AndFillInTheirArguments()
    {
        using var data = new TempDirectory();
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, Ct);

        var prompts = (await session.RequestAsync("prompts/list", new JsonObject(), Ct))["result"]!["prompts"]!.AsArray();
        Assert.Equal(["orch_status", "plan_with_orch"], prompts.Select(p => p!["name"]!.GetValue<string>()).Order());

        var prompt = await session.RequestAsync("prompts/get", new JsonObject
        {
            ["name"] = "plan_with_orch",
            ["arguments"] = new JsonObject { ["work"] = "a launch checklist", ["budget_usd"] = "5" },
        }, Ct);
        var text = prompt["result"]!["messages"]![0]!["content"]!["text"]!.GetValue<string>();
        Assert.Contains("a launch checklist", text, StringComparison.Ordinal);
        Assert.Contains("budget_usd 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTools_RefuseBadInputClearly_AsToolErrors_AndTheServerStaysUp()
    {
        using var data = new TempDirectory();
        await using var session = await McpSession.StartAsync(new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, Ct);
        var plan = await session.ToolAsync("plan", new JsonObject { ["requirements"] = "Notes\n1. Gather\n2. Write" }, Ct);
        var project = plan["project_id"]!.GetValue<string>();

        string[] expected =
        [
            "the project has no approved plan",
            "wait_seconds: must be between 0 and 50 (was 51)",
            "'explode' is not an action",
            "'retry' acts on a task: give task_id",
            "the project has no task 'nope'",
            "No project has the id",
        ];
        JsonObject[] calls =
        [
            new() { ["name"] = "execute", ["arguments"] = new JsonObject { ["project_id"] = project } },
            new() { ["name"] = "status", ["arguments"] = new JsonObject { ["project_id"] = project, ["wait_seconds"] = 51 } },
            new() { ["name"] = "control", ["arguments"] = new JsonObject { ["project_id"] = project, ["action"] = "explode" } },
            new() { ["name"] = "control", ["arguments"] = new JsonObject { ["project_id"] = project, ["action"] = "retry" } },
            new() { ["name"] = "control", ["arguments"] = new JsonObject { ["project_id"] = project, ["action"] = "skip", ["task_id"] = "nope" } },
            new() { ["name"] = "status", ["arguments"] = new JsonObject { ["project_id"] = Guid.NewGuid().ToString() } },
        ];
        for (var i = 0; i < calls.Length; i++)
        {
            var result = (await session.RequestAsync("tools/call", calls[i], Ct))["result"]!;
            Assert.True(result["isError"]?.GetValue<bool>(), calls[i].ToJsonString());
            Assert.Contains(expected[i], result["content"]![0]!["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        }

        var status = await session.ToolAsync("status", new JsonObject { ["project_id"] = project }, Ct);
        Assert.Equal("draft", status["status"]!.GetValue<string>());
        Assert.All(status["tasks"]!.AsArray(), t => Assert.Equal(0, t!["attempts"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Handshake_IsAnsweredWhileStorageIsHeld_AndCallsWaitForIt()
    {
        using var data = new TempDirectory();
        // Another process holds the database: Orch's schema upgrade waits on the lock.
        await using var holder = new SqliteConnection($"Data Source={Path.Combine(data.Path, "orch.db")}");
        await holder.OpenAsync(Ct);
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync(Ct);
        }

        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data.Path,
            ["Orch__Storage__BusyTimeoutMs"] = "120000",
        });

        // All at once, as a client that does not wait.
        await SendAsync(server, Request(1, "initialize", Handshake()));
        await SendAsync(server, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        await SendAsync(server, Request(2, "tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject() }));
        await SendAsync(server, Request(3, "resources/read", new JsonObject { ["uri"] = "orch://usage" }));
        await SendAsync(server, Request(4, "tools/list", new JsonObject()));

        var answers = new Dictionary<int, JsonNode>();
        async Task ReadUntilAsync(params int[] ids)
        {
            while (!ids.All(answers.ContainsKey))
            {
                var message = JsonNode.Parse(await server.ReadLineAsync(Ct))!;
                if (message["id"]?.GetValueKind() == JsonValueKind.Number)
                {
                    Assert.Null(message["error"]);
                    answers[message["id"]!.GetValue<int>()] = message["result"]!;
                }
            }
        }

        // The handshake and the listing need no storage: answered while the lock is held.
        await ReadUntilAsync(1, 4);
        Assert.Equal("orch", answers[1]["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal(11, answers[4]["tools"]!.AsArray().Count);
        Assert.False(answers.ContainsKey(2) || answers.ContainsKey(3));

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        // The calls waited for the schema and answer from it.
        await ReadUntilAsync(2, 3);
        Assert.False(answers[2]["isError"]?.GetValue<bool>() ?? false);
        Assert.Empty(answers[2]["structuredContent"]!["projects"]!.AsArray());
        Assert.Contains("\"total_usd\":0", answers[3]["contents"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnusableDatabase_EndsTheProcessWithTheReason_AndAnswersNoCall()
    {
        using var data = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(data.Path, "orch.db"), new string('x', 8192), Ct);
        await using var server = HostProcess.Start("Orch.Mcp", new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path });

        await SendAsync(server, Request(1, "initialize", Handshake()));
        await SendAsync(server, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        await SendAsync(server, Request(2, "tools/call", new JsonObject { ["name"] = "list_projects", ["arguments"] = new JsonObject() }));

        Assert.Equal(2, await server.WaitForExitAsync(Ct));
        Assert.Contains("Orch did not start: the database could not be used", server.Stderr, StringComparison.Ordinal);
        // The handshake may have been answered before the database was opened; the call never was.
        foreach (var line in server.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var message = JsonNode.Parse(line)!;
            Assert.Equal("2.0", message["jsonrpc"]!.GetValue<string>());
            Assert.False(message["id"]?.GetValueKind() == JsonValueKind.Number && message["id"]!.GetValue<int>() == 2 && message["result"] is not null);
        }

        Assert.Equal(new string('x', 8192), await File.ReadAllTextAsync(Path.Combine(data.Path, "orch.db"), Ct));
    }

    private static JsonObject Handshake() => new()
    {
        ["protocolVersion"] = "2025-06-18",
        ["capabilities"] = new JsonObject(),
        ["clientInfo"] = new JsonObject { ["name"] = "orch-tests", ["version"] = "1.0" },
    };

    private static JsonObject Request(int id, string method, JsonObject parameters) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };

    private static async Task InitializeAsync(HostProcess server)
    {
        await CallAsync(server, 1, "initialize", Handshake());
        await SendAsync(server, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
    }

    /// <summary>
    /// Every value in a tool's schema is described by a type: clients validate the schemas they are given
    /// (the MCP Inspector refuses the whole tools/list over one <c>true</c> schema), and an "anything" hides
    /// the shape from the assistant.
    /// </summary>
    private static void AssertSchemaSaysWhatEachValueIs(JsonNode schema, string path)
    {
        var node = schema as JsonObject;
        Assert.True(node is not null, $"{path} is not a schema object but {schema.ToJsonString()}");
        Assert.True(
            node.ContainsKey("type") || node.ContainsKey("enum") || node.ContainsKey("anyOf") || node.ContainsKey("oneOf") || node.ContainsKey("$ref"),
            $"{path} does not say what its value is: {node.ToJsonString()}");
        foreach (var (property, value) in node["properties"]?.AsObject() ?? [])
        {
            AssertSchemaSaysWhatEachValueIs(value!, $"{path}.{property}");
        }

        if (node["items"] is { } items)
        {
            AssertSchemaSaysWhatEachValueIs(items, $"{path}[]");
        }

        foreach (var (i, alternative) in (node["anyOf"] ?? node["oneOf"])?.AsArray().Index() ?? [])
        {
            AssertSchemaSaysWhatEachValueIs(alternative!, $"{path}|{i}");
        }
    }

    private static async Task<JsonNode> CallAsync(HostProcess server, int id, string method, JsonObject parameters)
    {
        await SendAsync(server, Request(id, method, parameters));
        while (true)
        {
            var message = JsonNode.Parse(await server.ReadLineAsync(Ct))!;
            if (message["id"]?.GetValueKind() == JsonValueKind.Number && message["id"]!.GetValue<int>() == id)
            {
                Assert.Null(message["error"]);
                return message;
            }
        }
    }

    private static async Task SendAsync(HostProcess server, JsonObject message)
    {
        await server.StandardInput.WriteLineAsync(message.ToJsonString());
        await server.StandardInput.FlushAsync(Ct);
    }
}
