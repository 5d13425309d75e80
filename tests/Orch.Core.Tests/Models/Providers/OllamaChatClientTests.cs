using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orch.Core.Models;
using Orch.Core.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>The production Ollama chat client against a loopback server that speaks Ollama's native API.</summary>
public sealed class OllamaChatClientTests
{
    private const string Model = "llama3.2:3b";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task PlainReply_MapsTextUsageAndFinishReason_AndSendsModelMessagesAndNumPredict()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.At("POST", "/api/chat", OllamaWire.Chat(Model, "Three steps, in order.", 26, 298)));
        using var client = Client(server);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You plan work."), new ChatMessage(ChatRole.User, "Plan a report.")],
            new ChatOptions { MaxOutputTokens = 300, Temperature = 0.2f },
            Ct);

        Assert.Equal("Three steps, in order.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, 123, 456, TimeSpan.Zero), response.CreatedAt);
        Assert.Equal(26, response.Usage?.InputTokenCount);
        Assert.Equal(298, response.Usage?.OutputTokenCount);
        Assert.Equal(324, response.Usage?.TotalTokenCount);

        var body = Assert.Single(server.Requests).Json();
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.Equal(300, body.GetProperty("options").GetProperty("num_predict").GetInt32());
        Assert.Equal(0.2, body.GetProperty("options").GetProperty("temperature").GetDouble(), 3);
        var messages = body.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("You plan work.", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal("Plan a report.", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task LengthLimit_IsReportedAsLength_AndMissingCountsAreZero()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(LoopbackResponse.Json($$"""{"model":"{{Model}}","created_at":"2026-11-22T08:00:00Z","message":{"role":"assistant","content":"cut"},"done":true,"done_reason":"length","eval_count":5}"""));
        using var client = Client(server);

        var response = await client.GetResponseAsync("Hello", new ChatOptions { ModelId = "qwen3:8b" }, Ct);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(0, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.Equal("qwen3:8b", server.LastRequest.Json().GetProperty("model").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("call_ollama_7")]
    public async Task ToolCall_RoundTrips_SchemaOut_CallIn_ResultBackAsToolMessage(string? serverCallId)
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.At("POST", "/api/chat", OllamaWire.Chat(Model, string.Empty, 40, 12, "stop", OllamaWire.ToolCall("read_file", new { path = "notes.md", lines = 20 }, serverCallId))));
        server.Enqueue(OllamaWire.At("POST", "/api/chat", OllamaWire.Chat(Model, "The notes say hello.", 60, 9)));
        using var client = Client(server);
        var options = new ChatOptions { Tools = [AnthropicChatClientTests.ReadFileTool()] };
        List<ChatMessage> conversation = [new(ChatRole.User, "What do the notes say?")];

        var first = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.False(string.IsNullOrEmpty(call.CallId));
        if (serverCallId is not null)
        {
            Assert.Equal(serverCallId, call.CallId);
        }

        Assert.Equal("notes.md", call.Arguments?["path"]?.ToString());
        Assert.Equal("20", call.Arguments?["lines"]?.ToString());
        var tool = Assert.Single(server.Requests[0].Json().GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("read_file", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("integer", tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("lines").GetProperty("type").GetString());

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "hello")]));
        var second = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal("The notes say hello.", second.Text);
        var messages = server.Requests[1].Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        var echoed = Assert.Single(messages[1].GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("read_file", echoed.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("notes.md", echoed.GetProperty("function").GetProperty("arguments").GetProperty("path").GetString());
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("hello", messages[2].GetProperty("content").GetString());
        Assert.Equal("read_file", messages[2].GetProperty("tool_name").GetString());
        Assert.Equal(call.CallId, messages[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task RateLimited_IsTransient_WithStatusAndRetryAfter()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Error(429, "too many requests").WithHeader("retry-after", "7"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Contains("too many requests", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RateLimited_ReadsAnHttpDateRetryAfter()
    {
        var clock = new ManualClock();
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Error(429, "too many requests").WithHeader("retry-after", clock.GetUtcNow().AddSeconds(90).ToString("r")));
        using var client = new OllamaChatClient("local", new ProviderOptions { Kind = ProviderKind.Ollama, BaseUrl = server.BaseUrl }, Model, clock: clock);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.Equal(TimeSpan.FromSeconds(90), failure.RetryAfter);
    }

    [Fact]
    public async Task ServerError_IsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Error(500, "llama runner process has terminated: signal: killed"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(500, failure.StatusCode);
        Assert.Contains("llama runner process has terminated", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowServer_TimesOut_AsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Chat(Model, "late", 1, 1).After(TimeSpan.FromSeconds(10)));
        using var client = Client(server, timeoutSeconds: 1);
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("within 1 s", failure.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CallerCancellation_IsOperationCanceled_NotAProviderFailure()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Chat(Model, "late", 1, 1).After(TimeSpan.FromSeconds(10)));
        using var client = Client(server, timeoutSeconds: 30);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("Hello", cancellationToken: cancel.Token));

        Assert.Equal(cancel.Token, canceled.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_IsNotTransient_AndSaysTheAnswerCouldNotBeRead(string body, string contentType)
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(LoopbackResponse.Text(body, contentType));
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
        { """{"model":"m","message":{"role":"assistant","content":42},"done":true}""", "application/json" },
        { """[1, 2, 3]""", "application/json" },
    };

    [Fact]
    public async Task Unauthorized_IsNotTransient_AndTheMessageLeavesTheKeyOut()
    {
        const string key = "ollama-proxy-token-0123456789";
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(request => OllamaWire.Error(401, $"unauthorized: token {request.Header("Authorization")} is not valid"));
        using var client = new OllamaChatClient("local", new ProviderOptions { Kind = ProviderKind.Ollama, BaseUrl = server.BaseUrl, ApiKey = key }, Model);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.False(failure.IsTransient);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal($"Bearer {key}", server.LastRequest.Header("Authorization"));
        Assert.DoesNotContain(key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_IsNotTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.Error(404, "model 'llama9' not found, try pulling it first"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", new ChatOptions { ModelId = "llama9" }, Ct));

        Assert.False(failure.IsTransient);
        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("model 'llama9' not found", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsTransient()
    {
        using var client = new OllamaChatClient("local", new ProviderOptions { Kind = ProviderKind.Ollama, BaseUrl = $"http://127.0.0.1:{FreePort.Next()}" }, Model);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListModels_ReadsTheTags()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OllamaWire.At("GET", "/api/tags", LoopbackResponse.Json("""
            {"models":[
              {"name":"llama3.2:3b","model":"llama3.2:3b","modified_at":"2026-10-01T10:00:00Z","size":2019393189,"digest":"a80c4f17acd5","details":{"format":"gguf","family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"}},
              {"name":"nomic-embed-text:latest","model":"nomic-embed-text:latest","modified_at":"2026-10-01T10:00:00Z","size":274302450,"digest":"0a109f422b47","details":{"format":"gguf","family":"nomic-bert"}}
            ]}
            """)));
        using var client = Client(server);

        var models = await client.ListModelsAsync(Ct);

        Assert.Equal(["llama3.2:3b", "nomic-embed-text:latest"], models);
    }

    [Fact]
    public async Task ListModels_FailsLikeAChat_WhenTheServerIsDown()
    {
        using var client = new OllamaChatClient("local", new ProviderOptions { Kind = ProviderKind.Ollama, BaseUrl = $"http://127.0.0.1:{FreePort.Next()}" }, Model);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.ListModelsAsync(Ct));

        Assert.True(failure.IsTransient);
    }

    private static OllamaChatClient Client(LoopbackServer server, int timeoutSeconds = 30) =>
        new("local", new ProviderOptions { Kind = ProviderKind.Ollama, BaseUrl = server.BaseUrl, TimeoutSeconds = timeoutSeconds }, Model);
}
