using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// A data directory whose SQLite database holds projects mid-run, all alike: an approved
/// <see cref="LayeredPlan"/> that Orch's engine ran on the offline provider with priced tiers until about half
/// of its tasks completed (with their runs, model calls, judge calls and costs recorded as real work records
/// them), then paused; then resumed, with a few ready tasks claimed by a worker of the bench's own and held
/// running under a long lease, as a busy engine's would be (their dependents would wait for ever if nothing
/// completed them: the load does, first). The rest is ready or pending. The first
/// project is the one the dashboard shows; the others give the load something to complete beside it.
/// Every measure runs on a copy (<see cref="CopyAsync"/>), so each starts from the same state.
/// </summary>
internal sealed class MidRunData : IDisposable
{
    private static readonly TimeSpan SeedLimit = TimeSpan.FromMinutes(15);

    private MidRunData(string directory, int size, IReadOnlyList<Guid> projectIds, IReadOnlyList<ClaimedRun> held, ProjectRunView viewed, TimeSpan seededIn)
    {
        DataDirectory = directory;
        Size = size;
        ProjectIds = projectIds;
        HeldRuns = held;
        Viewed = viewed;
        SeededIn = seededIn;
    }

    public string DataDirectory { get; }

    /// <summary>Tasks in each project's plan.</summary>
    public int Size { get; }

    /// <summary>Every project, the viewed one first.</summary>
    public IReadOnlyList<Guid> ProjectIds { get; }

    /// <summary>The attempts held running, oldest first: a copy's load completes them first, as their engine would.</summary>
    public IReadOnlyList<ClaimedRun> HeldRuns { get; }

    /// <summary>The viewed project as seeded.</summary>
    public ProjectRunView Viewed { get; }

    public TimeSpan SeededIn { get; }

    /// <summary>Tasks a project has left for the load to complete: those not completed, held running ones included.</summary>
    public static int LeftPerProject(int size) => size - (size / 2);

    /// <summary>Tasks of each project held running: one in a hundred, at least one.</summary>
    public static int Held(int size) => Math.Max(1, size / 100);

    public static async Task<MidRunData> CreateAsync(int size, int projects, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("orch-bench-admin-seed").FullName;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(SeedLimit);
            var started = Stopwatch.GetTimestamp();
            var ids = await RunHalfAsync(directory, size, projects, limit.Token);
            var (held, viewed) = await HoldSomeAsync(directory, size, ids, limit.Token);
            return new MidRunData(directory, size, ids, held, viewed, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>A fresh data directory holding a copy of the database (the app makes its accounts and keys there anew).</summary>
    public async Task<string> CopyAsync(CancellationToken cancellationToken)
    {
        var copy = Directory.CreateTempSubdirectory("orch-bench-admin").FullName;
        // With every connection closed SQLite has folded its write-ahead log in; a file left beside it is copied too.
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "orch.db*"))
        {
            await using var source = File.OpenRead(file);
            await using var target = File.Create(Path.Combine(copy, Path.GetFileName(file)));
            await source.CopyToAsync(target, cancellationToken);
        }

        return copy;
    }

    public void Dispose() => Directory.Delete(DataDirectory, recursive: true);

    /// <summary>The engine runs every project; each is paused once half its tasks started, and left to settle.</summary>
    private static async Task<List<Guid>> RunHalfAsync(string directory, int size, int projects, CancellationToken cancellationToken)
    {
        var host = await CoreHost.StartAsync(directory, size, new Dictionary<string, string?>
        {
            ["Orch:Execution:MaxConcurrentTasks"] = "64",
            // Few enough per project that the tasks started after the pause's cue stay few.
            ["Orch:Execution:MaxConcurrentTasksPerProject"] = Math.Clamp(size / 50, 2, 16).ToString(CultureInfo.InvariantCulture),
            ["Orch:Execution:PollMilliseconds"] = "200",
        }, cancellationToken);
        try
        {
            var services = host.Services;
            var plans = services.GetRequiredService<PlanService>();
            var execution = services.GetRequiredService<ExecutionService>();
            var ids = new List<Guid>(projects);
            var plan = LayeredPlan.Json(size);
            for (var i = 0; i < projects; i++)
            {
                var name = i == 0 ? $"Run view {size.ToString(CultureInfo.InvariantCulture)}" : $"Busy neighbour {i}";
                var project = await services.GetRequiredService<ProjectService>().CreateAsync(new NewProject(name), cancellationToken);
                var draft = await plans.CreateDraftFromJsonAsync(project.Id, "A large plan, half done.", plan, PlanSource.Manual, cancellationToken);
                await plans.ApproveAsync(draft.Id, "bench", cancellationToken);
                ids.Add(project.Id);
            }

            // Starts are counted as the engine publishes them, and each project is paused when half its tasks
            // started: those then finish, and about half are completed (judged tasks never fail offline).
            using var starts = services.GetRequiredService<EventHub>().Subscribe(e => e.Type == EventTypes.TaskStarted, capacity: size * projects * 2);
            foreach (var id in ids)
            {
                await execution.ExecuteAsync(id, "bench", cancellationToken);
            }

            var counts = ids.ToDictionary(id => id, _ => 0);
            var running = projects;
            await foreach (var start in starts.Reader.ReadAllAsync(cancellationToken))
            {
                if (start.ProjectId is not { } id || !counts.TryGetValue(id, out var count))
                {
                    continue;
                }

                counts[id] = ++count;
                if (count == size / 2)
                {
                    await execution.PauseAsync(id, "bench", cancellationToken);
                    if (--running == 0)
                    {
                        break;
                    }
                }
            }

            var reader = services.GetRequiredService<ProjectRunReader>();
            foreach (var id in ids)
            {
                while ((await reader.ReadAsync(id, cancellationToken)).Tasks.Any(t => t.Status is PlanTaskStatus.Running or PlanTaskStatus.Verifying))
                {
                    await Task.Delay(50, cancellationToken);
                }
            }

            return ids;
        }
        finally
        {
            await CoreHost.StopAsync(host);
        }
    }

    /// <summary>Resumes every project and claims a few of each one's ready tasks, leaving them running under an hour's lease.</summary>
    private static async Task<(IReadOnlyList<ClaimedRun> Held, ProjectRunView Viewed)> HoldSomeAsync(string directory, int size, List<Guid> ids, CancellationToken cancellationToken)
    {
        var held = Held(size);
        var host = await CoreHost.StartAsync(directory, size, new Dictionary<string, string?>
        {
            // Nothing here runs a task: the claims below are all this host does.
            ["Orch:Execution:RunTasks"] = "false",
            ["Orch:Execution:LeaseSeconds"] = "3600",
            ["Orch:Execution:MaxConcurrentTasks"] = "10000",
            ["Orch:Execution:MaxConcurrentTasksPerProject"] = held.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
        try
        {
            var execution = host.Services.GetRequiredService<ExecutionService>();
            foreach (var id in ids)
            {
                await execution.ResumeAsync(id, "bench", cancellationToken);
            }

            // The per-project limit spreads the claims evenly.
            var claims = await host.Services.GetRequiredService<TaskClaimer>().ClaimAsync(held * ids.Count, cancellationToken);
            return (claims, await host.Services.GetRequiredService<ProjectRunReader>().ReadAsync(ids[0], cancellationToken));
        }
        finally
        {
            await CoreHost.StopAsync(host);
        }
    }
}
