using System.Text.Json;
using Orch.Core.Tests.Models.Providers;
using Orch.Testing;

namespace Orch.Core.Tests.Execution;

/// <summary>
/// A model behind a loopback server speaking the OpenAI chat completions wire format, whose answers
/// the test writes. Three priced tiers (local, small, large) all point at it, each with its own model name.
/// </summary>
internal sealed class ScriptedModel : IAsyncDisposable
{
    public const string Key = "sk-test-scripted";
    private readonly LoopbackServer server;

    private ScriptedModel(LoopbackServer server)
    {
        this.server = server;
        server.Fallback = request => request.Method == "GET" && request.Path == "/v1/models"
            ? LoopbackResponse.Json("""{"object":"list","data":[{"id":"m-local","object":"model"},{"id":"m-small","object":"model"},{"id":"m-large","object":"model"}]}""")
            : OpenAiWire.Expecting(Key, Answer(new ModelCall(request.Json())))(request);
    }

    /// <summary>What the model answers; by default a short task result, and "pass" to the judge.</summary>
    public Func<ModelCall, LoopbackResponse> Answer { get; set; } = call => call.IsJudge
        ? Judge("pass")
        : Text("done: " + call.TaskTitle);

    /// <summary>The chat calls received, in order (health probes left out).</summary>
    public IReadOnlyList<ModelCall> Calls => [.. server.Requests.Where(r => r.Method == "POST").Select(r => new ModelCall(r.Json()))];

    public static async Task<ScriptedModel> StartAsync(CancellationToken cancellationToken) => new(await LoopbackServer.StartAsync(cancellationToken));

    public static LoopbackResponse Text(string content, int promptTokens = 100, int completionTokens = 50, string model = "m") =>
        OpenAiWire.Completion(model, "stop", promptTokens, completionTokens, content);

    public static LoopbackResponse Judge(string verdict, params string[] missing) =>
        Text(JsonSerializer.Serialize(new { verdict, missing, notes = "scripted" }));

    public static LoopbackResponse ToolCall(string name, string argumentsJson) =>
        OpenAiWire.Completion("m", "tool_calls", 100, 20, null, OpenAiWire.ToolCall($"call_{Guid.NewGuid():N}", name, argumentsJson));

    /// <summary>Settings for an engine whose three tiers are this model, priced per million tokens.</summary>
    public Dictionary<string, string?> Settings(decimal inputPrice = 1m, decimal outputPrice = 2m, int maxOutputTokens = 1000)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orch:Models:Providers:api:Kind"] = "OpenAI",
            ["Orch:Models:Providers:api:BaseUrl"] = server.BaseUrl + "/v1",
            ["Orch:Models:Providers:api:ApiKey"] = Key,
            ["Orch:Models:Providers:api:MaxRetries"] = "0",
            ["Orch:Models:PlanningTier"] = "small",
        };
        string[] tiers = ["local", "small", "large"];
        for (var i = 0; i < tiers.Length; i++)
        {
            settings[$"Orch:Models:Tiers:{i}:Name"] = tiers[i];
            settings[$"Orch:Models:Tiers:{i}:Provider"] = "api";
            settings[$"Orch:Models:Tiers:{i}:Model"] = $"m-{tiers[i]}";
            settings[$"Orch:Models:Tiers:{i}:InputUsdPerMillion"] = inputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Orch:Models:Tiers:{i}:OutputUsdPerMillion"] = outputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Orch:Models:Tiers:{i}:MaxOutputTokens"] = maxOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

/// <summary>One request to the scripted model, as sent on the wire.</summary>
internal sealed record ModelCall(JsonElement Body)
{
    public string Model => Body.GetProperty("model").GetString() ?? string.Empty;

    public string Text => string.Join("\n", Body.GetProperty("messages").EnumerateArray()
        .Select(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : c.ToString()));

    public bool IsJudge => Text.Contains("You check one task's result", StringComparison.Ordinal);

    /// <summary>The task's title from its prompt ("Task: …"), or empty.</summary>
    public string TaskTitle => Text.Split('\n').FirstOrDefault(l => l.StartsWith("Task: ", StringComparison.Ordinal))?[6..] ?? string.Empty;

    public bool For(string key) => TaskTitle == $"Task {key}";
}
