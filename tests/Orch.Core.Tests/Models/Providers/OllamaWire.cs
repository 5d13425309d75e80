using System.Text.Json;
using Orch.Testing;

namespace Orch.Core.Tests.Models.Providers;

/// <summary>Ollama's native API as a local server serves it, for the loopback server.</summary>
internal static class OllamaWire
{
    /// <summary>Answers like Ollama: a request for another method or path gets Ollama's 404 instead.</summary>
    public static Func<LoopbackRequest, LoopbackResponse> At(string method, string path, LoopbackResponse answer) => request =>
        request.Method == method && request.Path == path ? answer : LoopbackResponse.Text("404 page not found", status: 404);

    public static LoopbackResponse Chat(string model, string content, int promptEvalCount, int evalCount, string doneReason = "stop", params object[] toolCalls) =>
        LoopbackResponse.Json(JsonSerializer.Serialize(new
        {
            model,
            created_at = "2026-11-22T08:00:00.123456Z",
            message = toolCalls.Length == 0
                ? (object)new { role = "assistant", content }
                : new { role = "assistant", content, tool_calls = toolCalls },
            done = true,
            done_reason = doneReason,
            total_duration = 4_935_886_791L,
            load_duration = 534_986_708L,
            prompt_eval_count = promptEvalCount,
            prompt_eval_duration = 107_345_000L,
            eval_count = evalCount,
            eval_duration = 4_289_432_000L,
        }));

    /// <summary>A tool call; servers before 0.12 send no id.</summary>
    public static object ToolCall(string name, object arguments, string? id = null) =>
        id is null ? new { function = new { index = 0, name, arguments } } : new { id, function = new { index = 0, name, arguments } };

    public static LoopbackResponse Error(int status, string message) =>
        LoopbackResponse.Json(JsonSerializer.Serialize(new { error = message }), status);
}
