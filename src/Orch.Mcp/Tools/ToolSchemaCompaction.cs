using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orch.Mcp.Tools;

/// <summary>
/// Every byte of <c>tools/list</c> costs each assistant context on every conversation. The input
/// schemas generated from optional parameters say twice that they are optional (a <c>null</c>
/// type and a <c>null</c> default, on top of being left out of <c>required</c>); this drops both.
/// Output schemas keep their nullable types (results do carry nulls) but lose <c>required</c>:
/// every property of a result is always present, so the list only repeats the property names.
/// A reply is never null itself, so an output schema's top is a plain object, as every protocol
/// revision accepts.
/// </summary>
internal static class ToolSchemaCompaction
{
    public static JsonElement CompactInput(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        Strip(node);
        return JsonSerializer.SerializeToElement(node);
    }

    public static JsonElement CompactOutput(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        DropRequired(node);
        if (node is JsonObject top && top["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "object"))
        {
            top["type"] = "object";
        }

        return JsonSerializer.SerializeToElement(node);
    }

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
