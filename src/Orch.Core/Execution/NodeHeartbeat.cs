using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Plans;
using Orch.Core.Storage;

namespace Orch.Core.Execution;

/// <summary>
/// Keeps this node's presence and its runs' leases alive, and stops its runs whose task was
/// cancelled from another process. Services are resolved when it starts, after start-up validation.
/// </summary>
public sealed partial class NodeHeartbeat(IServiceProvider services, NodeIdentity node, RunningTasks running, TimeProvider clock, ILogger<NodeHeartbeat> logger) : BackgroundService
{
    private static readonly PlanTaskStatus[] Working = [PlanTaskStatus.Running, PlanTaskStatus.Verifying];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ExecutionOptions>>();
        if (!options.CurrentValue.RunTasks)
        {
            return;
        }

        var contexts = services.GetRequiredService<IDbContextFactory<OrchDbContext>>();
        var commits = services.GetRequiredService<GroupCommit>();
        try
        {
            await RegisterAsync(commits, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.2, options.CurrentValue.LeaseSeconds / 3.0)), clock, stoppingToken);
                try
                {
                    await BeatAsync(contexts, commits, options.CurrentValue, stoppingToken);
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    LogBeatFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await StopAsync(commits);
        }
    }

    private Task<bool> RegisterAsync(GroupCommit commits, CancellationToken cancellationToken) =>
        commits.RunAsync((db, _) =>
        {
            db.Nodes.Add(new OrchNode(node.Id, node.Host, node.Machine, node.ProcessId, clock.GetUtcNow()));
            return Task.FromResult(true);
        }, cancellationToken);

    private async Task BeatAsync(IDbContextFactory<OrchDbContext> contexts, GroupCommit commits, ExecutionOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lease = now.AddSeconds(settings.LeaseSeconds);
        var busy = running.Count > 0;
        await commits.RunAsync(async (db, ct) =>
        {
            await db.Nodes.Where(n => n.Id == node.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.HeartbeatAt, now), ct);
            if (busy)
            {
                await db.TaskRuns.Where(r => r.Worker == node.Id && r.Status == RunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, lease), ct);
            }

            return true;
        }, cancellationToken);
        if (!busy)
        {
            return;
        }

        // A task cancelled or skipped by another process: its attempt here stops.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = running.TaskIds.ToList();
        var stillWorking = await db.PlanTasks.Where(t => mine.Contains(t.Id) && Working.Contains(t.Status)).Select(t => t.Id).ToListAsync(cancellationToken);
        running.CancelTasks(mine.Except(stillWorking));
    }

    private async Task StopAsync(GroupCommit commits)
    {
        try
        {
            var now = clock.GetUtcNow();
            await commits.RunAsync(async (db, ct) => await db.Nodes.Where(n => n.Id == node.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.StoppedAt, now), ct), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogBeatFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node heartbeat failed; runs keep their lease until it expires")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
