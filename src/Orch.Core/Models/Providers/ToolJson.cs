using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Orch.Core.Models.Providers;

/// <summary>Tool calls and results between <see cref="Microsoft.Extensions.AI"/> content and a provider's JSON.</summary>
internal static class ToolJson
{
    private static JsonTypeInfo<IDictionary<string, object?>> ArgumentsType =>
        (JsonTypeInfo<IDictionary<string, object?>>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>));

    /// <summary>The tools of a request that are functions: the only kind a provider here can be told about.</summary>
    public static IEnumerable<AIFunctionDeclaration> Functions(ChatOptions? options) =>
        options?.Tools?.OfType<AIFunctionDeclaration>() ?? [];

    /// <summary>A call as the model made it; arguments that are not a JSON object end up in <see cref="FunctionCallContent.Exception"/>.</summary>
    public static FunctionCallContent ParseCall(string callId, string name, string argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson,
            callId,
            name,
            static json => JsonSerializer.Deserialize(json, ArgumentsType));

    public static string ArgumentsText(FunctionCallContent call) =>
        JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), ArgumentsType);

    public static JsonNode ArgumentsNode(FunctionCallContent call) =>
        JsonSerializer.SerializeToNode(call.Arguments ?? new Dictionary<string, object?>(), ArgumentsType) ?? new JsonObject();

    /// <summary>A tool's result as the text a model reads: strings as they are, anything else as JSON.</summary>
    public static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is { } error => $"Error: {error.Message}",
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };

    /// <summary>The names of the calls in a conversation by call id, for providers whose tool results name the tool.</summary>
    public static Dictionary<string, string> CallNames(IEnumerable<ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);

    public static string Text(ChatMessage message) =>
        string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
}
