using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orch.Core.Storage;
using Quartz;

namespace Orch.Core.Execution;

/// <summary>The engine's registrations: dispatch, attempts, verification, control, recovery and Quartz.</summary>
internal static class ExecutionServices
{
    public static IServiceCollection AddOrchExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>());
        var node = new NodeIdentity();
        services.TryAddSingleton(node);
        services.TryAddSingleton<RunningTasks>();
        services.TryAddSingleton<DispatchSignal>();
        services.TryAddSingleton<PlanGraphs>();
        services.TryAddSingleton<PlanOutlines>();
        services.TryAddSingleton<RunBoardReader>();
        services.TryAddSingleton<TaskDetailReader>();
        services.TryAddSingleton<TaskProgress>();
        services.TryAddSingleton<TaskStateStore>();
        services.TryAddSingleton<TaskClaimer>();
        services.TryAddSingleton<TaskRunner>();
        services.TryAddSingleton<Verifier>();
        services.TryAddSingleton<RetryScheduler>();
        services.TryAddSingleton<AttemptExecutor>();
        services.TryAddSingleton<RunRecovery>();
        services.TryAddSingleton<ExecutionService>();
        services.TryAddSingleton<ProjectRunReader>();
        services.TryAddSingleton<AssistantWork>();
        services.TryAddSingleton<TaskLogReader>();
        services.TryAddSingleton<NodeReader>();
        services.AddHostedService<NodeHeartbeat>();
        services.AddHostedService<TaskDispatcher>();
        AddScheduler(services, configuration, node);
        return services;
    }

    /// <summary>
    /// Quartz on the same database as Orch, so that timers and recovery outlive any process; clustered
    /// on PostgreSQL, where several nodes share the work.
    /// </summary>
    private static void AddScheduler(IServiceCollection services, IConfiguration configuration, NodeIdentity node)
    {
        var target = TryResolveStorage(configuration);
        var recoveryEvery = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue<int?>($"{ExecutionOptions.SectionName}:{nameof(ExecutionOptions.RecoverySeconds)}") ?? 10, 1, 3600));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "orch";
                o.InstanceId = node.Id;
            });
            q.UseDefaultThreadPool(4);
            if (target is null)
            {
                // Start-up validation refuses this configuration before anything is scheduled.
                q.UseInMemoryStore(_ => { });
            }
            else
            {
                q.UsePersistentStore(store =>
                {
                    if (target.Provider == StorageProvider.Postgres)
                    {
                        store.UsePostgres(target.ConnectionString);
                        store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                    }
                    else
                    {
                        // Quartz refuses clustering on SQLite. Processes sharing the file (an MCP server and
                        // the dashboard) share one schedule unclustered: a trigger may then fire in both, which
                        // is harmless because every job here is a wake-up or a compare-and-set recovery.
                        store.UseSqlite(target.ConnectionString);
                    }

                    store.ConfigureStore(o =>
                    {
                        o.TablePrefix = "qrtz_";
                        o.StoreJobDataAsStrings = true;
                    });
                    store.ProvisionSchema();
                });
            }

            var recovery = new JobKey(RecoveryJob.Name, "orch");
            q.AddJob<RecoveryJob>(j => j.WithIdentity(recovery).StoreDurably());
            q.AddTrigger(t => t.ForJob(recovery).WithIdentity(RecoveryJob.Name, "orch").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(recoveryEvery).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static StorageTarget? TryResolveStorage(IConfiguration configuration)
    {
        try
        {
            var orch = configuration.GetSection(OrchOptions.SectionName).Get<OrchOptions>() ?? new OrchOptions();
            var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
            return StorageTarget.Resolve(orch.ResolveDataDirectory(), storage);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
