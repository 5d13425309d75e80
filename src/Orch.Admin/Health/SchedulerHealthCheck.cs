using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Orch.Admin.Health;

/// <summary>Ready when Quartz's scheduler, which runs Orch's timers and recovery, has started and is running.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            var name = $"Scheduler {scheduler.SchedulerName} ({scheduler.SchedulerInstanceId})";
            // Created: not started yet. Standby, ShuttingDown, Shutdown: fires nothing.
            return status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy($"{name} is running.")
                : HealthCheckResult.Unhealthy($"{name} is {status}, not running.");
        }
        catch (SchedulerException ex)
        {
            return HealthCheckResult.Unhealthy($"The scheduler is unavailable: {ex.Message}");
        }
    }
}
