using Orch.Core.Execution;
using Orch.Core.Projects;

namespace Orch.Admin.Dashboard;

/// <summary>
/// Runs the pages' main reads once when the app has started, on the project with the newest activity, so
/// that the first person to open a page after a start does not wait for them to be prepared: EF Core
/// translates each query the first time it runs and .NET compiles the code on its first call, several
/// hundred milliseconds together for a run view. Only reads; a failure is logged and forgotten, as each
/// page reads for itself anyway.
/// </summary>
internal sealed class DashboardWarmUp(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<DashboardWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            await using var scope = services.CreateAsyncScope();
            var projects = await scope.ServiceProvider.GetRequiredService<ProjectListReader>().ReadAsync(stoppingToken);
            if (projects.MaxBy(p => p.LastActivityAt) is not { } newest)
            {
                return;
            }

            var board = await scope.ServiceProvider.GetRequiredService<RunBoardReader>().ReadAsync(newest.Id, stoppingToken);
            if (board.Run.Tasks.Count > 0)
            {
                await scope.ServiceProvider.GetRequiredService<TaskDetailReader>().ReadAsync(newest.Id, board.Run.Tasks[0].Key, stoppingToken);
            }

            DashboardLog.WarmedUp(logger, newest.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before it finished: nothing to warm any more.
        }
        catch (Exception ex)
        {
            DashboardLog.WarmUpFailed(logger, ex);
        }
    }
}
