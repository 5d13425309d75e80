using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Orch.Mcp;

/// <summary>
/// Every byte of <c>tools/list</c> costs each assistant context on every conversation. The input
/// schemas generated from optional parameters say twice that they are optional (a <c>null</c>
/// type and a <c>null</c> default, on top of being left out of <c>required</c>); this drops both.
/// Output schemas keep their nullable types (results do carry nulls) but lose <c>required</c>:
/// every property of a result is always present, so the list only repeats the property names.
/// </summary>
internal static class ToolListCompaction
{
    public static McpRequestHandler<ListToolsRequestParams, ListToolsResult> Compact(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            foreach (var tool in result.Tools)
            {
                var schema = JsonNode.Parse(tool.InputSchema.GetRawText())!;
                Strip(schema);
                tool.InputSchema = JsonSerializer.SerializeToElement(schema);
                if (tool.OutputSchema is { } output)
                {
                    var shape = JsonNode.Parse(output.GetRawText())!;
                    DropRequired(shape);
                    tool.OutputSchema = JsonSerializer.SerializeToElement(shape);
                }
            }

            return result;
        };

    private static void DropRequired(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            obj.Remove("required");
        }

        foreach (var child in node switch { JsonObject o => o.Select(e => e.Value), JsonArray a => a, _ => [] })
        {
            DropRequired(child);
        }
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["default"] is null && obj.ContainsKey("default"))
                {
                    obj.Remove("default");
                }

                if (obj["type"] is JsonArray { Count: 2 } types && types.Any(t => t?.GetValue<string>() == "null"))
                {
                    obj["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Strip(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Strip(child);
                }

                break;
        }
    }
}
