using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Projects;
using Orch.Core.Plans;

namespace Orch.Mcp;

/// <summary>
/// Follows a run started by <c>execute</c> with a progress token and sends a progress notification
/// as tasks finish: finished tasks of all, and what just happened. It ends with the run, when the
/// server stops, or after <see cref="MaxFollow"/>. Events of this process wake it at once; work done
/// by other processes is seen by polling.
/// </summary>
public sealed partial class ExecutionProgress(ProjectRunReader runs, EventHub hub, IHostApplicationLifetime lifetime, ILogger<ExecutionProgress> logger) : IDisposable
{
    public static readonly TimeSpan MaxFollow = TimeSpan.FromHours(24);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<Task, bool> following = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Starts following in the background; returns at once.</summary>
    public void Follow(McpServer server, ProgressToken token, Guid projectId)
    {
        var work = Task.Run(() => FollowAsync(server, token, projectId));
        following[work] = true;
        work.ContinueWith(t => following.TryRemove(t, out _), TaskScheduler.Default);
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task FollowAsync(McpServer server, ProgressToken token, Guid projectId)
    {
        using var changes = hub.Subscribe(e => e.ProjectId == projectId, 256);
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, lifetime.ApplicationStopping);
        end.CancelAfter(MaxFollow);
        var sent = -1;
        var lastMessage = string.Empty;
        try
        {
            while (true)
            {
                var view = await runs.ReadAsync(projectId, end.Token);
                var finished = view.Tasks.Count(t => t.Status is PlanTaskStatus.Completed or PlanTaskStatus.Skipped or PlanTaskStatus.Failed or PlanTaskStatus.Cancelled);
                var message = Describe(view, finished);
                // Progress only grows; a retried task counts again when it finishes again.
                if (finished > sent || message != lastMessage)
                {
                    sent = Math.Max(sent, finished);
                    lastMessage = message;
                    await server.SendNotificationAsync(NotificationMethods.ProgressNotification, new ProgressNotificationParams
                    {
                        ProgressToken = token,
                        Progress = new ProgressNotificationValue { Progress = sent, Total = view.Tasks.Count, Message = message },
                    }, cancellationToken: end.Token);
                }

                if (view.Status is ProjectStatus.Completed or ProjectStatus.Failed or ProjectStatus.Cancelled)
                {
                    return;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(end.Token);
                wait.CancelAfter(Poll);
                try
                {
                    await changes.Reader.WaitToReadAsync(wait.Token);
                    // Several tasks finishing together make one notification.
                    await Task.Delay(Coalesce, end.Token);
                    while (changes.Reader.TryRead(out _))
                    {
                    }
                }
                catch (OperationCanceledException) when (!end.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            // The client went away or the store failed: progress is a courtesy, the run goes on.
            LogStopped(logger, projectId, ex);
        }
    }

    private static string Describe(ProjectRunView view, int finished)
    {
        var failed = view.Tasks.Count(t => t.Status == PlanTaskStatus.Failed);
        var running = view.Tasks.Count(t => t.Status is PlanTaskStatus.Running or PlanTaskStatus.Verifying);
        var text = $"{view.Status.ToString().ToLowerInvariant()}: {finished} of {view.Tasks.Count} task(s) finished, {running} running";
        return failed > 0 ? $"{text}, {failed} failed" : text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped sending progress for project {ProjectId}")]
    private static partial void LogStopped(ILogger logger, Guid projectId, Exception exception);
}
