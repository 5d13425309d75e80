using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Orch.Core.Models.Providers;

/// <summary>The body of Ollama's <c>POST /api/chat</c> for a conversation and its options.</summary>
internal static class OllamaChatRequest
{
    public static JsonObject Build(string model, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = Messages(messages),
            ["stream"] = false,
        };

        var tools = new JsonArray();
        foreach (var function in ToolJson.Functions(options))
        {
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = function.Name,
                    ["description"] = function.Description,
                    ["parameters"] = JsonNode.Parse(function.JsonSchema.GetRawText()),
                },
            });
        }

        if (tools.Count > 0 && options?.ToolMode is not NoneChatToolMode)
        {
            body["tools"] = tools;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            body["format"] = json.Schema is { } schema ? JsonNode.Parse(schema.GetRawText()) : "json";
        }

        var settings = new JsonObject();
        if (options?.MaxOutputTokens is { } maxTokens)
        {
            settings["num_predict"] = maxTokens;
        }

        if (options?.Temperature is { } temperature)
        {
            settings["temperature"] = temperature;
        }

        if (options?.TopP is { } topP)
        {
            settings["top_p"] = topP;
        }

        if (options?.TopK is { } topK)
        {
            settings["top_k"] = topK;
        }

        if (options?.Seed is { } seed)
        {
            settings["seed"] = seed;
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            settings["stop"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        }

        if (settings.Count > 0)
        {
            body["options"] = settings;
        }

        return body;
    }

    // Text, tool calls and tool results are sent; other content (images, files) is not something Orch sends.
    private static JsonArray Messages(IReadOnlyList<ChatMessage> messages)
    {
        var names = ToolJson.CallNames(messages);
        var array = new JsonArray();
        foreach (var message in messages)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                var tool = new JsonObject { ["role"] = "tool", ["content"] = ToolJson.ResultText(result), ["tool_call_id"] = result.CallId };
                if (names.TryGetValue(result.CallId, out var name))
                {
                    tool["tool_name"] = name;
                }

                array.Add(tool);
            }

            var text = ToolJson.Text(message);
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (message.Role == ChatRole.Tool || (text.Length == 0 && calls.Count == 0 && message.Contents.Any(c => c is FunctionResultContent)))
            {
                continue;
            }

            var entry = new JsonObject { ["role"] = message.Role.Value, ["content"] = text };
            if (calls.Count > 0)
            {
                entry["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode?)new JsonObject
                {
                    ["id"] = c.CallId,
                    ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = ToolJson.ArgumentsNode(c) },
                })]);
            }

            array.Add(entry);
        }

        return array;
    }
}
