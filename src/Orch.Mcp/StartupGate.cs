using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Orch.Mcp;

/// <summary>
/// Lets the protocol start before Orch's storage and scheduler are up. The stdio transport is the
/// first hosted service, so an assistant's handshake and its listing of tools and prompts are
/// answered while the schema is brought up to date and Quartz starts; every other request waits
/// here until the host has started them all. Nothing touches the database before its schema is
/// current, and a start-up that fails still ends the process with the reason on stderr.
/// </summary>
internal static class StartupGate
{
    // Answered from the server's own definitions: none of these reads storage.
    private static readonly HashSet<string> Ungated = new(StringComparer.Ordinal)
    {
        RequestMethods.Initialize,
        RequestMethods.Ping,
        RequestMethods.ToolsList,
        RequestMethods.PromptsList,
        RequestMethods.ResourcesTemplatesList,
    };

    public static McpMessageHandler Hold(McpMessageHandler next) =>
        async (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest request && !Ungated.Contains(request.Method) && context.Services is { } services)
            {
                await WhenStartedAsync(services.GetRequiredService<IHostApplicationLifetime>(), cancellationToken);
            }

            await next(context, cancellationToken);
        };

    /// <summary>Moves the hosted services registered since <paramref name="firstNew"/> to the front of the start order.</summary>
    public static void StartFirst(IServiceCollection services, int firstNew)
    {
        var transport = services.Skip(firstNew).Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        if (transport.Count == 0)
        {
            throw new InvalidOperationException("The MCP transport registered no hosted service to start first.");
        }

        foreach (var descriptor in transport)
        {
            services.Remove(descriptor);
        }

        for (var i = 0; i < transport.Count; i++)
        {
            services.Insert(i, transport[i]);
        }
    }

    private static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = lifetime.ApplicationStarted;
        if (started.IsCancellationRequested)
        {
            return;
        }

        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = started.Register(() => waiting.TrySetResult());
        await using var onCancelled = cancellationToken.Register(() => waiting.TrySetCanceled(cancellationToken));
        await waiting.Task;
    }
}
