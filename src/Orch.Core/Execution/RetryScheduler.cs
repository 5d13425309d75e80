using Microsoft.Extensions.Logging;
using Quartz;

namespace Orch.Core.Execution;

/// <summary>
/// Keeps the wake-up of a task retried after a backoff in Quartz's persistent store, so that it
/// fires on time on whichever node is alive. The task's row holds the truth (ready, not before a
/// time): a wake-up lost with a node only delays the retry until the next poll.
/// </summary>
public sealed partial class RetryScheduler(ISchedulerFactory schedulers, ILogger<RetryScheduler> logger)
{
    public const string Group = "orch-retries";
    public const string TaskIdKey = "task_id";

    public async Task ScheduleAsync(Guid taskId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var name = $"{taskId:N}-{Guid.NewGuid():N}";
            var job = JobBuilder.Create<RetryWakeJob>().WithIdentity(name, Group).UsingJobData(TaskIdKey, taskId.ToString()).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(name, Group).StartAt(at).Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        }
        catch (SchedulerException ex)
        {
            LogScheduleFailed(logger, taskId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retry of task {TaskId} could not be scheduled in Quartz; the dispatcher's poll will start it")]
    private static partial void LogScheduleFailed(ILogger logger, Guid taskId, Exception exception);
}
