using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Orch.Benchmarks.Execution;

/// <summary>Bare Quartz on a SQLite file (WAL, like Orch's): one no-op job per task, fired as fast as it can.</summary>
internal static class QuartzBaseline
{
    public static async Task<double> FiringsPerSecondAsync(int count, string directory)
    {
        var file = Path.Combine(directory, "quartz.db");
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync();
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(16);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite($"Data Source={file}");
                store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                store.ProvisionSchema();
            });
        });
        builder.Services.AddQuartzHostedService(o => o.AutoStart = false);
        using var host = builder.Build();
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var done = NoOpJob.Reset(count);
        for (var i = 0; i < count; i++)
        {
            var job = JobBuilder.Create<NoOpJob>().WithIdentity($"job-{i}").Build();
            await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity($"trigger-{i}").StartNow().Build());
        }

        var started = Stopwatch.GetTimestamp();
        await scheduler.Start();
        await done;
        var elapsed = Stopwatch.GetElapsedTime(started);
        await host.StopAsync();
        SqliteConnection.ClearAllPools();
        return count / elapsed.TotalSeconds;
    }
}
