using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orch.Core.Models;
using Orch.Core.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>The production OpenAI-compatible client against a loopback server that speaks the chat completions API.</summary>
public sealed class OpenAiCompatibleChatClientTests
{
    private const string Key = "sk-proj-loopback-test-key-0123456789";
    private const string Model = "gpt-test-mini";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task PlainReply_MapsTextUsageAndFinishReason_AndSendsModelMessagesAndMaxTokens()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion(Model, "stop", 21, 7, "Three steps, in order.")));
        using var client = Client(server);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You plan work."), new ChatMessage(ChatRole.User, "Plan a report.")],
            new ChatOptions { MaxOutputTokens = 300, Temperature = 0.2f },
            Ct);

        Assert.Equal("Three steps, in order.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal("chatcmpl-Test", response.ResponseId);
        Assert.Equal(21, response.Usage?.InputTokenCount);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
        Assert.Equal(28, response.Usage?.TotalTokenCount);

        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        var body = request.Json();
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal(300, body.GetProperty("max_completion_tokens").GetInt32());
        // A compatible server on another host may only know the older name, so it is sent too.
        Assert.Equal(300, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble(), 3);
        var messages = body.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("You plan work.", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal("Plan a report.", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task OptionsModel_Wins_AndCachedAndReasoningTokensAreKept()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, LoopbackResponse.Json("""
            {"id":"chatcmpl-2","object":"chat.completion","created":1795000000,"model":"gpt-other","choices":[{"index":0,"message":{"role":"assistant","content":"cut"},"finish_reason":"length"}],
             "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":64}}}
            """)));
        using var client = Client(server);

        var response = await client.GetResponseAsync("Hello", new ChatOptions { ModelId = "gpt-other" }, Ct);

        Assert.Equal("gpt-other", server.LastRequest.Json().GetProperty("model").GetString());
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(2006, response.Usage?.InputTokenCount);
        Assert.Equal(1920, response.Usage?.CachedInputTokenCount);
        Assert.Equal(64, response.Usage?.ReasoningTokenCount);
    }

    [Fact]
    public async Task ToolCall_RoundTrips_SchemaOut_CallIn_ResultBackAsToolMessage()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion(Model, "tool_calls", 40, 12, null, OpenAiWire.ToolCall("call_abc123", "read_file", """{"path":"notes.md","lines":20}"""))));
        server.Enqueue(OpenAiWire.Expecting(Key, OpenAiWire.Completion(Model, "stop", 60, 9, "The notes say hello.")));
        using var client = Client(server);
        var options = new ChatOptions { Tools = [AnthropicChatClientTests.ReadFileTool()] };
        List<ChatMessage> conversation = [new(ChatRole.User, "What do the notes say?")];

        var first = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc123", call.CallId);
        Assert.Equal("read_file", call.Name);
        Assert.Equal("notes.md", call.Arguments?["path"]?.ToString());
        Assert.Equal("20", call.Arguments?["lines"]?.ToString());
        var tool = Assert.Single(server.Requests[0].Json().GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("read_file", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Reads a file of the workspace.", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("string", tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("path").GetProperty("type").GetString());

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_abc123", "hello")]));
        var second = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal("The notes say hello.", second.Text);
        var messages = server.Requests[1].Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        var echoed = Assert.Single(messages[1].GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_abc123", echoed.GetProperty("id").GetString());
        Assert.Equal("read_file", echoed.GetProperty("function").GetProperty("name").GetString());
        Assert.Contains("notes.md", echoed.GetProperty("function").GetProperty("arguments").GetString(), StringComparison.Ordinal);
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("call_abc123", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("hello", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task RateLimited_IsTransient_WithStatusAndRetryAfter_AfterOneAttempt()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Error(429, "requests", "Rate limit reached for gpt-test-mini on requests per min (RPM): Limit 3, Used 3").WithHeader("retry-after", "7"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Contains("Rate limit reached", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RateLimited_PrefersRetryAfterMs()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Error(429, "tokens", "slow down").WithHeader("retry-after", "2").WithHeader("retry-after-ms", "1500"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), failure.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerError_IsTransient_AfterOneAttempt(int status)
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Error(status, "server_error", "The server had an error while processing your request."));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(status, failure.StatusCode);
        Assert.Contains("The server had an error", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SlowServer_TimesOut_AsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Completion(Model, "stop", 1, 1, "late").After(TimeSpan.FromSeconds(10)));
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
        server.Enqueue(OpenAiWire.Completion(Model, "stop", 1, 1, "late").After(TimeSpan.FromSeconds(10)));
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
        server.Enqueue(OpenAiWire.Expecting(Key, LoopbackResponse.Text(body, contentType)));
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
        { """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[]}""", "application/json" },
    };

    [Fact]
    public async Task WrongKey_IsNotTransient_AndTheMessageLeavesTheKeyOut()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Expecting("sk-proj-the-right-key", OpenAiWire.Completion(Model, "stop", 1, 1, "never")));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.False(failure.IsTransient);
        Assert.Equal(401, failure.StatusCode);
        Assert.Contains("Incorrect API key provided", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsTransient()
    {
        using var client = new OpenAiCompatibleChatClient("vllm", new ProviderOptions { Kind = ProviderKind.OpenAI, BaseUrl = $"http://127.0.0.1:{FreePort.Next()}/v1", ApiKey = Key }, Model);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello", cancellationToken: Ct));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeylessLocalServer_IsCalledWithoutConfiguration()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Completion(Model, "stop", 3, 2, "local answer"));
        using var client = new OpenAiCompatibleChatClient("lmstudio", new ProviderOptions { Kind = ProviderKind.OpenAI, BaseUrl = server.BaseUrl + "/v1" }, Model);

        var response = await client.GetResponseAsync("Hello", cancellationToken: Ct);

        Assert.Equal("local answer", response.Text);
        Assert.Equal("/v1/chat/completions", server.LastRequest.Path);
    }

    [Fact]
    public async Task ListModels_ReadsTheModelList()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(request => request.Path == "/v1/models" && request.Header("Authorization") == $"Bearer {Key}"
            ? LoopbackResponse.Json("""
                {"object":"list","data":[
                  {"id":"gpt-test-mini","object":"model","created":1686935002,"owned_by":"organization-owner"},
                  {"id":"Qwen/Qwen3-8B","object":"model","created":1686935002,"owned_by":"vllm"}
                ]}
                """)
            : OpenAiWire.Error(404, "invalid_request_error", "Unknown request URL"));
        using var client = Client(server);

        var models = await client.ListModelsAsync(Ct);

        Assert.Equal(["gpt-test-mini", "Qwen/Qwen3-8B"], models);
    }

    [Fact]
    public async Task ListModels_FailsLikeAChat()
    {
        await using var server = await LoopbackServer.StartAsync(Ct);
        server.Enqueue(OpenAiWire.Error(503, "server_error", "warming up").WithHeader("retry-after", "3"));
        using var client = Client(server);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.ListModelsAsync(Ct));

        Assert.True(failure.IsTransient);
        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    private static OpenAiCompatibleChatClient Client(LoopbackServer server, int timeoutSeconds = 30) =>
        new("openai", new ProviderOptions { Kind = ProviderKind.OpenAI, BaseUrl = server.BaseUrl + "/v1", ApiKey = Key, TimeoutSeconds = timeoutSeconds }, Model);
}
