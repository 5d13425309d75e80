using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Orch.Core.Events;

namespace Orch.Mcp.Resources;

/// <summary>
/// Tells subscribed clients that a resource changed: every event of a project touches its plan,
/// run and task resources; a task's events also move the usage summary. Events that arrive together
/// make one notification per resource.
/// </summary>
public sealed partial class ResourceNotifier(EventHub hub, ResourceSubscriptions subscriptions, ILogger<ResourceNotifier> logger) : BackgroundService
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var events = hub.Subscribe(e => e.ProjectId is not null);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await events.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Coalesce, stoppingToken);
                var usage = false;
                while (events.Reader.TryRead(out var e))
                {
                    changed.Add($"{OrchResources.ProjectPrefix}{e.ProjectId}/");
                    usage |= e.PlanTaskId is not null;
                }

                var prefixes = changed.ToList();
                changed.Clear();
                foreach (var (server, uri) in subscriptions.Matching(u => (usage && u == OrchResources.UsageUri) || prefixes.Exists(p => u.StartsWith(p, StringComparison.Ordinal))))
                {
                    try
                    {
                        await server.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri }, cancellationToken: stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogNotifyFailed(logger, uri, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the client that {Uri} changed")]
    private static partial void LogNotifyFailed(ILogger logger, string uri, Exception exception);
}
