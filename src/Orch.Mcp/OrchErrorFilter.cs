using ModelContextProtocol;
using ModelContextProtocol.Server;
using Orch.Core;

namespace Orch.Mcp;

/// <summary>
/// The one place where errors cross the MCP boundary. An <see cref="OrchException"/>'s message is
/// written for the caller and goes back as it is. Anything else is a fault of Orch's, not of the
/// request: it still comes back as an error the assistant can read (never a bare "an error
/// occurred"), naming what failed, while the full exception goes to the log. The server stays up.
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
            catch (Exception ex) when (ex is not (McpException or OperationCanceledException))
            {
                throw new McpException($"Orch failed unexpectedly ({ex.GetType().Name}: {ex.Message}). The request may not have been carried out; check with status or list_projects before repeating it. The server log has the details.", ex);
            }
        };
}
