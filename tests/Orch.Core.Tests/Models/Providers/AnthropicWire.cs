using System.Text.Json;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>The Messages API as Anthropic serves it, for the loopback server: its answers, its errors, its checks.</summary>
internal static class AnthropicWire
{
    /// <summary>
    /// Answers like the real API: a request that is not a POST to /v1/messages, lacks an anthropic-version, or whose key
    /// does not match (as x-api-key or as a bearer token, both of which the API takes) gets the API's error instead.
    /// </summary>
    public static Func<LoopbackRequest, LoopbackResponse> Expecting(string key, LoopbackResponse answer) => request =>
        request.Method != "POST" || request.Path != "/v1/messages" ? Error(404, "not_found_error", $"Not found: {request.Method} {request.Path}")
        : request.Header("anthropic-version") is null ? Error(400, "invalid_request_error", "anthropic-version: header is required")
        : request.Header("x-api-key") != key && request.Header("Authorization") != $"Bearer {key}" ? Error(401, "authentication_error", "invalid x-api-key")
        : answer;

    public static LoopbackResponse Message(string model, string stopReason, int inputTokens, int outputTokens, params object[] content) =>
        LoopbackResponse.Json(JsonSerializer.Serialize(new
        {
            id = "msg_01TestAnswer",
            type = "message",
            role = "assistant",
            model,
            content,
            stop_reason = stopReason,
            stop_sequence = (string?)null,
            usage = new { input_tokens = inputTokens, output_tokens = outputTokens },
        }));

    public static object Text(string text) => new { type = "text", text };

    public static object ToolUse(string id, string name, object input) => new { type = "tool_use", id, name, input };

    public static LoopbackResponse Error(int status, string type, string message) =>
        LoopbackResponse.Json(JsonSerializer.Serialize(new { type = "error", error = new { type, message }, request_id = "req_01Test" }), status);
}
