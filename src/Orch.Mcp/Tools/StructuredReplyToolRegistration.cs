using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Orch.Mcp.Tools;

/// <summary>Registers a tool class's methods as <see cref="StructuredReplyTool"/>s, where the SDK's <c>WithTools&lt;T&gt;</c> would make its own tools of them.</summary>
internal static class StructuredReplyToolRegistration
{
    public static IMcpServerBuilder WithStructuredReplyTools<TTools>(this IMcpServerBuilder builder)
    {
        foreach (var method in typeof(TTools).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is not null)
            {
                builder.Services.AddSingleton<McpServerTool>(services => StructuredReplyTool.Create(method, services));
            }
        }

        return builder;
    }
}
