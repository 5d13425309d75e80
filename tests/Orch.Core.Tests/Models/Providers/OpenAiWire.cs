using System.Text.Json;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>The chat completions API as OpenAI and compatible servers serve it, for the loopback server.</summary>
internal static class OpenAiWire
{
    /// <summary>
    /// Answers like the real API: a request that is not a POST to /v1/chat/completions, or whose bearer token does not
    /// match, gets the API's error instead. Like OpenAI, the 401 quotes the key it was given.
    /// </summary>
    public static Func<LoopbackRequest, LoopbackResponse> Expecting(string key, LoopbackResponse answer) => request =>
    {
        if (request.Method != "POST" || request.Path != "/v1/chat/completions")
        {
            return Error(404, "invalid_request_error", $"Unknown request URL: {request.Method} {request.Path}");
        }

        var given = request.Header("Authorization")?.Replace("Bearer ", string.Empty, StringComparison.Ordinal);
        return given == key ? answer : Error(401, "invalid_request_error", $"Incorrect API key provided: {given}.");
    };

    public static LoopbackResponse Completion(string model, string finishReason, int promptTokens, int completionTokens, string? content, params object[] toolCalls) =>
        LoopbackResponse.Json(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-Test",
            @object = "chat.completion",
            created = 1_795_000_000,
            model,
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = toolCalls.Length == 0
                        ? (object)new { role = "assistant", content }
                        : new { role = "assistant", content, tool_calls = toolCalls },
                    finish_reason = finishReason,
                },
            },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));

    public static object ToolCall(string id, string name, string argumentsJson) =>
        new { id, type = "function", function = new { name, arguments = argumentsJson } };

    public static LoopbackResponse Error(int status, string type, string message) =>
        LoopbackResponse.Json(JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code = (string?)null } }), status);
}
