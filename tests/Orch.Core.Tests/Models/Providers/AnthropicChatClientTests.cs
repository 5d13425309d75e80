using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orch.Core.Models;
using Orch.Core.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>The production Anthropic client against a loopback server that speaks the Messages API.</summary>
public sealed class AnthropicChatClientTests
{
    private const string Key = "sk-ant-api03-loopback-test-key-0123456789";
    private const string Model = "claude-test-4";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task PlainReply_MapsTextUsageAndFinishReason_AndSendsModelMessagesAndMaxTokens()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Expecting(Key, AnthropicWire.Message(Model, "end_turn", 21, 7, AnthropicWire.Text("Three steps, in order."))));
        using var client = Client(server);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You plan work."), new ChatMessage(ChatRole.User, "Plan a report.")],
            new ChatOptions { MaxOutputTokens = 300 },
            Ct);

        Assert.Equal("Three steps, in order.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(21, response.Usage?.InputTokenCount);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
        Assert.Equal(28, response.Usage?.TotalTokenCount);

        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        var body = request.Json();
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal(300, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("You plan work.", body.GetProperty("system")[0].GetProperty("text").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Plan a report.", message.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Defaults_ApplyWhenOptionsSayNothing_AndOptionsModelWins()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Expecting(Key, AnthropicWire.Message(Model, "max_tokens", 3, 512, AnthropicWire.Text("cut"))));
        server.Enqueue(AnthropicWire.Expecting(Key, AnthropicWire.Message("claude-other", "end_turn", 3, 1, AnthropicWire.Text("ok"))));
        using var client = Client(server);

        var first = await client.GetResponseAsync("Hello", cancellationToken: Ct);
        var second = await client.GetResponseAsync("Hello", new ChatOptions { ModelId = "claude-other" }, Ct);

        Assert.Equal(ChatFinishReason.Length, first.FinishReason);
        Assert.Equal(Model, server.Requests[0].Json().GetProperty("model").GetString());
        Assert.Equal(512, server.Requests[0].Json().GetProperty("max_tokens").GetInt32());
        Assert.Equal("claude-other", server.Requests[1].Json().GetProperty("model").GetString());
        Assert.Equal("claude-other", second.ModelId);
    }

    [Fact]
    public async Task ToolCall_RoundTrips_SchemaOut_CallIn_ResultBackAsToolResult()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Expecting(Key, AnthropicWire.Message(
            Model, "tool_use", 40, 12, AnthropicWire.Text("Let me look."), AnthropicWire.ToolUse("toolu_01A", "read_file", new { path = "notes.md", lines = 20 }))));
        server.Enqueue(AnthropicWire.Expecting(Key, AnthropicWire.Message(Model, "end_turn", 60, 9, AnthropicWire.Text("The notes say hello."))));
        using var client = Client(server);
        var readFile = ReadFileTool();
        var options = new ChatOptions { Tools = [readFile] };
        List<ChatMessage> conversation = [new(ChatRole.User, "What do the notes say?")];

        var first = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("toolu_01A", call.CallId);
        Assert.Equal("read_file", call.Name);
        Assert.Equal("notes.md", call.Arguments?["path"]?.ToString());
        Assert.Equal("20", call.Arguments?["lines"]?.ToString());
        var tool = Assert.Single(server.Requests[0].Json().GetProperty("tools").EnumerateArray());
        Assert.Equal("read_file", tool.GetProperty("name").GetString());
        Assert.Equal("Reads a file of the workspace.", tool.GetProperty("description").GetString());
        Assert.Equal("string", tool.GetProperty("input_schema").GetProperty("properties").GetProperty("path").GetProperty("type").GetString());

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("toolu_01A", "hello")]));
        var second = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal("The notes say hello.", second.Text);
        var messages = server.Requests[1].Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var echoed = messages[1].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("toolu_01A", echoed.GetProperty("id").GetString());
        Assert.Equal("notes.md", echoed.GetProperty("input").GetProperty("path").GetString());
        Assert.Equal("user", messages[2].GetProperty("role").GetString());
        var result = Assert.Single(messages[2].GetProperty("content").EnumerateArray());
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal("toolu_01A", result.GetProperty("tool_use_id").GetString());
        Assert.Equal("hello", ContentText(result.GetProperty("content")));
    }

    [Fact]
    public async Task RateLimited_IsTransient_WithStatusAndRetryAfter_AfterOneAttempt()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit").WithHeader("retry-after", "7"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Equal("claude", failure.Provider);
        Assert.Contains("per-minute rate limit", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RateLimited_PrefersRetryAfterMs()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Error(429, "rate_limit_error", "slow down").WithHeader("retry-after", "2").WithHeader("retry-after-ms", "1500"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), failure.RetryAfter);
    }

    [Fact]
    public async Task ConcurrentCalls_EachGetTheirOwnRetryAfter()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        // Both calls are in flight at once; the slower answer belongs to the call that started first.
        server.Fallback = request => request.Body.Contains("first", StringComparison.Ordinal)
            ? AnthropicWire.Error(429, "rate_limit_error", "first").WithHeader("retry-after", "7").After(TimeSpan.FromMilliseconds(400))
            : AnthropicWire.Error(429, "rate_limit_error", "second").WithHeader("retry-after", "3").After(TimeSpan.FromMilliseconds(100));
        using var client = Client(server);

        var first = Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("first", cancellationToken: Ct));
        var second = Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("second", cancellationToken: Ct));

        Assert.Equal(TimeSpan.FromSeconds(7), (await first).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), (await second).RetryAfter);
    }

    [Theory]
    [InlineData(500, "api_error")]
    [InlineData(503, "api_error")]
    [InlineData(529, "overloaded_error")]
    public async Task ServerError_IsTransient_AfterOneAttempt(int status, string type)
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Error(status, type, "Internal server error"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(status, failure.StatusCode);
        Assert.Null(failure.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SlowServer_TimesOut_AsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Message(Model, "end_turn", 1, 1, AnthropicWire.Text("late")).After(TimeSpan.FromSeconds(10)));
        using var client = Client(server, timeoutSeconds: 1);
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("within 1 s", failure.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CallerCancellation_IsOperationCanceled_NotAProviderFailure()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Message(Model, "end_turn", 1, 1, AnthropicWire.Text("late")).After(TimeSpan.FromSeconds(10)));
        using var client = Client(server, timeoutSeconds: 30);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("Hello", cancellationToken: cancel.Token));
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_IsNotTransient_AndSaysTheAnswerCouldNotBeRead(string body, string contentType)
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Expecting(Key, LoopbackResponse.Text(body, contentType)));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.False(failure.IsTransient);
        Assert.Contains("answer could not be read", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { """{"not": "what you expect" """, "application/json" },
        { """{"not": "what you expect"}""", "application/json" },
        { "<html><body><h1>Welcome to nginx!</h1></body></html>", "text/html" },
        { """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"no usage"}],"stop_reason":"end_turn"}""", "application/json" },
    };

    [Fact]
    public async Task WrongKey_IsNotTransient_AndTheMessageLeavesTheKeyOut()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Expecting("sk-ant-the-right-key", AnthropicWire.Message(Model, "end_turn", 1, 1, AnthropicWire.Text("never"))));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.False(failure.IsTransient);
        Assert.Equal(401, failure.StatusCode);
        Assert.Contains("API key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_IsNotTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Error(404, "not_found_error", "model: claude-nope"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", new ChatOptions { ModelId = "claude-nope" }, Ct));

        Assert.False(failure.IsTransient);
        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("model: claude-nope", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsTransient()
    {
        using var client = new AnthropicChatClient("claude", new ProviderOptions { Kind = ProviderKind.Anthropic, BaseUrl = $"http://127.0.0.1:{FreePort.Next()}", ApiKey = Key }, Model);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListModels_ReadsTheModelList()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(request => request.Method == "GET" && request.Path == "/v1/models" && request.Header("Authorization") == $"Bearer {Key}"
            ? LoopbackResponse.Json("""
                {"data":[
                  {"type":"model","id":"claude-test-4","display_name":"Claude Test 4","created_at":"2026-05-14T00:00:00Z"},
                  {"type":"model","id":"claude-test-haiku","display_name":"Claude Test Haiku","created_at":"2026-02-01T00:00:00Z"}
                ],"has_more":false,"first_id":"claude-test-4","last_id":"claude-test-haiku"}
                """)
            : AnthropicWire.Error(404, "not_found_error", $"Not found: {request.Method} {request.Path}"));
        using var client = Client(server);

        var models = await client.ListModelsAsync(Ct);

        Assert.Equal(["claude-test-4", "claude-test-haiku"], models);
    }

    [Fact]
    public async Task ListModels_FailsLikeAChat()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(AnthropicWire.Error(529, "overloaded_error", "Overloaded").WithHeader("retry-after", "3"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.ListModelsAsync(Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(529, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    private static AnthropicChatClient Client(LoopbackServer server, int timeoutSeconds = 30) =>
        new("claude", new ProviderOptions { Kind = ProviderKind.Anthropic, BaseUrl = server.BaseUrl, ApiKey = Key, TimeoutSeconds = timeoutSeconds }, Model, defaultMaxOutputTokens: 512);

    internal static AIFunctionDeclaration ReadFileTool() =>
        AIFunctionFactory.CreateDeclaration(
            "read_file",
            "Reads a file of the workspace.",
            JsonDocument.Parse("""{"type":"object","properties":{"path":{"type":"string"},"lines":{"type":"integer"}},"required":["path"]}""").RootElement.Clone());

    // A tool result's content is a string or a list of text blocks; both say the same.
    private static string ContentText(JsonElement content) =>
        content.ValueKind == JsonValueKind.String
            ? content.GetString() ?? string.Empty
            : string.Concat(content.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
}
