using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orch.Core;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Core.Storage;

namespace Orch.Benchmarks.Execution;

/// <summary>
/// Orch's engine end to end on SQLite with the offline provider at zero latency: N no-op tasks in 32
/// chains (task i depends on task i − 32, and every tenth also on a task of a neighbouring chain), run
/// with 64 slots, so that a task waits for its dependencies and the dispatcher only, never for a free
/// slot; from execute to the last completion. Reports throughput, dispatch latency (dependencies done → task started) and the ratio
/// to bare Quartz firing one no-op job per task on the same kind of store, measured in the same run.
/// Usage: dotnet run -c Release --project tests/Orch.Benchmarks -- engine [sizes…] [--runs 3]
/// </summary>
internal static class EngineBench
{
    private const int Width = 32;

    public static async Task RunAsync(string[] args)
    {
        var runs = 3;
        var sizes = new List<int>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs")
            {
                runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                sizes.Add(int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (sizes.Count == 0)
        {
            sizes = [1_000, 10_000];
        }

        Console.WriteLine("| tasks | run | Orch tasks/s | dispatch p50 ms | dispatch p95 ms | bare Quartz firings/s | ratio |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            var results = new List<(double Orch, double P50, double P95, double Quartz)>();
            for (var run = 1; run <= runs; run++)
            {
                var orch = await OrchRunAsync(size);
                var directory = Directory.CreateTempSubdirectory("orch-bench-quartz").FullName;
                var quartz = await QuartzBaseline.FiringsPerSecondAsync(size, directory);
                Directory.Delete(directory, recursive: true);
                results.Add((orch.TasksPerSecond, orch.P50, orch.P95, quartz));
                Console.WriteLine($"| {size} | {run} | {orch.TasksPerSecond:F0} | {orch.P50:F1} | {orch.P95:F1} | {quartz:F0} | {orch.TasksPerSecond / quartz:F2} |");
            }

            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted[sorted.Count / 2];
            }

            Console.WriteLine($"| {size} | median | {Median(results.Select(r => r.Orch)):F0} | {Median(results.Select(r => r.P50)):F1} | {Median(results.Select(r => r.P95)):F1} | {Median(results.Select(r => r.Quartz)):F0} | {Median(results.Select(r => r.Orch / r.Quartz)):F2} |");
        }
    }

    private static async Task<(double TasksPerSecond, double P50, double P95)> OrchRunAsync(int size)
    {
        var directory = Directory.CreateTempSubdirectory("orch-bench-engine").FullName;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Orch:DataDirectory"] = directory,
                ["Orch:Plans:MaxTasks"] = "100000",
                ["Orch:Execution:MaxConcurrentTasks"] = "64",
                ["Orch:Execution:MaxConcurrentTasksPerProject"] = "64",
                ["Orch:Execution:PollMilliseconds"] = "200",
            });
            builder.Logging.AddFilter(level => level >= LogLevel.Warning);
            builder.Services.AddOrch(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync();
            var services = host.Services;
            var project = await services.GetRequiredService<ProjectService>().CreateAsync(new NewProject($"bench {size}"), CancellationToken.None);
            var draft = await services.GetRequiredService<PlanService>().CreateDraftFromJsonAsync(project.Id, "benchmark", Plan(size), PlanSource.Manual, CancellationToken.None);
            await services.GetRequiredService<PlanService>().ApproveAsync(draft.Id, "bench", CancellationToken.None);

            using var ended = services.GetRequiredService<EventHub>().Subscribe(e => e.ProjectId == project.Id && e.Type == EventTypes.ProjectStatusChanged, 100);
            var started = Stopwatch.GetTimestamp();
            await services.GetRequiredService<ExecutionService>().ExecuteAsync(project.Id, "bench", CancellationToken.None);
            await foreach (var change in ended.Reader.ReadAllAsync())
            {
                if (change.Payload.Contains("\"to\":\"Completed\"", StringComparison.Ordinal) || change.Payload.Contains("\"to\":\"Failed\"", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var latencies = await DispatchLatenciesAsync(services, project.Id);
            await host.StopAsync();
            return (size / elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.95));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>For each task: its start minus the moment it could start (its last dependency completed, or execute).</summary>
    private static async Task<List<double>> DispatchLatenciesAsync(IServiceProvider services, Guid projectId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OrchDbContext>>().CreateDbContextAsync();
        var events = await db.Events.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.Sequence).ToListAsync();
        var executed = events.First(e => e.Type == EventTypes.ProjectExecuted).OccurredAt;
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync();
        var dependencies = tasks.ToDictionary(t => t.Key, t => t.DependsOn);
        var latencies = new List<double>();
        foreach (var e in events.Where(e => e.Type == EventTypes.TaskCompleted))
        {
            completed[Key(e)] = e.OccurredAt;
        }

        foreach (var e in events.Where(e => e.Type == EventTypes.TaskStarted))
        {
            var key = Key(e);
            var ready = dependencies[key].Select(d => completed[d]).DefaultIfEmpty(executed).Max();
            latencies.Add((e.OccurredAt - ready).TotalMilliseconds);
        }

        return latencies;
    }

    /// <summary>The benchmark's plan as JSON: <paramref name="size"/> no-op tasks in 32 chains, some joined across chains.</summary>
    internal static string Plan(int size)
    {
        var tasks = Enumerable.Range(0, size).Select(i => new
        {
            key = $"t{i}",
            title = $"No-op task {i}",
            description = "Nothing to do.",
            kind = "other",
            complexity = "low",
            depends_on = i < Width ? [] : i % 10 == 0 && i >= 2 * Width ? [$"t{i - Width}", $"t{i - Width - 1}"] : new[] { $"t{i - Width}" },
        });
        return JsonSerializer.Serialize(new { tasks });
    }

    private static string Key(OrchEvent e)
    {
        using var json = JsonDocument.Parse(e.Payload);
        return json.RootElement.GetProperty("key").GetString()!;
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * share))];
    }
}
