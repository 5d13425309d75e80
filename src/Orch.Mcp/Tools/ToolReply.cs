using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Orch.Mcp.Tools;

/// <summary>
/// Builds a tool's result: the structured content (whose schema the tool declares) and a short
/// readable text instead of the same JSON again, which would cost the assistant its tokens twice.
/// </summary>
internal static class ToolReply
{
    public static CallToolResult Of<T>(T reply)
        where T : IToolReply => new()
        {
            Content = [new TextContentBlock { Text = reply.ToText() }],
            StructuredContent = JsonSerializer.SerializeToElement(reply, ReplyJson.Of<T>()),
        };
}
