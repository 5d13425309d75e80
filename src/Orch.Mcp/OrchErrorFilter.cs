using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core;

namespace Orch.Mcp;

/// <summary>
/// The one place where errors cross the MCP boundary: an <see cref="OrchException"/>'s message is
/// written for the caller and goes back as the tool's error; any other exception stays opaque.
/// </summary>
internal static class OrchErrorFilter
{
    public static McpRequestHandler<TParams, TResult> Translate<TParams, TResult>(McpRequestHandler<TParams, TResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (OrchException ex)
            {
                throw new McpException(ex.Message, ex);
            }
        };
}
