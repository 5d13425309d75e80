using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Orch.Mcp;

/// <summary>
/// Logs how long the server took to answer each tool call, from the request's arrival at the
/// handler to its result being built (the transport's write to stdout follows). At Debug under
/// <c>Orch.Mcp.Calls</c>, so the log stays lean unless someone asks where the time goes.
/// </summary>
internal static partial class CallTiming
{
    public const string Category = "Orch.Mcp.Calls";

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Measure(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger(Category);
            if (logger is null || !logger.IsEnabled(LogLevel.Debug))
            {
                return await next(context, cancellationToken);
            }

            var started = Stopwatch.GetTimestamp();
            var failed = true;
            try
            {
                var result = await next(context, cancellationToken);
                failed = result.IsError == true;
                return result;
            }
            finally
            {
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Answered(logger, context.Params?.Name ?? "?", milliseconds, failed ? "an error" : "a result");
            }
        };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Tool} answered with {Outcome} in {Milliseconds:F2} ms")]
    private static partial void Answered(ILogger logger, string tool, double milliseconds, string outcome);
}
