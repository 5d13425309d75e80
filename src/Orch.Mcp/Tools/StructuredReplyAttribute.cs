namespace Orch.Mcp.Tools;

/// <summary>
/// Declares the structured content a tool method puts in its <c>CallToolResult</c>: the tool's output
/// schema is made from this type. Used instead of the SDK attribute's <c>UseStructuredContent</c>, with
/// which the SDK also serialises every returned result a second time, only to discard it
/// (see <see cref="StructuredReplyTool"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StructuredReplyAttribute(Type replyType) : Attribute
{
    public Type ReplyType { get; } = replyType;
}
