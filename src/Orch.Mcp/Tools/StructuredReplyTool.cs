using System.Reflection;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Orch.Mcp.Tools;

/// <summary>
/// A tool whose method builds its whole <c>CallToolResult</c> (a short text and the structured content,
/// see <see cref="ToolReply"/>) and which declares that content's schema. The SDK's own tool, given an
/// output schema, serialises whatever the method returned into a JSON document before looking at what
/// it is, and throws that document away when it is already a <c>CallToolResult</c>: for status on a
/// thousand tasks an eighth of the call. So the SDK's tool is made without an output schema and runs
/// the method, and this one tells clients the schema. The schemas are compacted once, here, and each
/// call's arguments are checked against the input schema (<see cref="ToolArguments"/>).
/// </summary>
internal sealed class StructuredReplyTool : DelegatingMcpServerTool
{
    private readonly Tool protocolTool;
    private readonly ToolArguments arguments;

    private StructuredReplyTool(McpServerTool inner, Tool protocolTool, ToolArguments arguments)
        : base(inner)
    {
        this.protocolTool = protocolTool;
        this.arguments = arguments;
    }

    public override Tool ProtocolTool => protocolTool;

    /// <summary>The call's arguments are checked against the tool's own schema before the SDK binds them.</summary>
    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        arguments.Check(request.Params?.Arguments);
        return base.InvokeAsync(request, cancellationToken);
    }

    /// <summary>The tool of a static method marked with both the SDK's <see cref="McpServerToolAttribute"/> and <see cref="StructuredReplyAttribute"/>.</summary>
    public static StructuredReplyTool Create(MethodInfo method, IServiceProvider services)
    {
        var tool = method.GetCustomAttribute<McpServerToolAttribute>();
        var reply = method.GetCustomAttribute<StructuredReplyAttribute>();
        if (!method.IsStatic || tool is null || reply is null)
        {
            throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} must be static and marked with [McpServerTool] and [StructuredReply].");
        }

        if (tool.UseStructuredContent || tool.OutputSchemaType is not null)
        {
            throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} declares its output through [StructuredReply], not through [McpServerTool]'s UseStructuredContent or OutputSchemaType.");
        }

        var inner = McpServerTool.Create(method, target: null, new McpServerToolCreateOptions { Services = services });
        var made = inner.ProtocolTool;
        // The schema as the SDK makes it from OutputSchemaType: the same exporter and serializer settings.
        var output = AIJsonUtilities.CreateJsonSchema(reply.ReplyType, serializerOptions: McpJsonUtilities.DefaultOptions);
        var input = ToolSchemaCompaction.CompactInput(made.InputSchema);
        return new StructuredReplyTool(inner, new Tool
        {
            Name = made.Name,
            Title = made.Title,
            Description = made.Description,
            InputSchema = input,
            OutputSchema = ToolSchemaCompaction.CompactOutput(output),
            Annotations = made.Annotations,
            Icons = made.Icons,
            Meta = made.Meta,
        }, ToolArguments.Of(made.Name, input, method));
    }
}
