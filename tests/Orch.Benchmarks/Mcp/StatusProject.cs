using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Orch.Benchmarks.Execution;
using Orch.Core;
using Orch.Core.Execution;
using Orch.Core.Plans;
using Orch.Core.Projects;
using Orch.Mcp.Tools;

namespace Orch.Benchmarks.Mcp;

/// <summary>
/// A 1,000-task project (the engine bench's plan) on a SQLite file, run by the engine on the offline
/// provider until half its tasks completed, then paused and left to settle: a project mid-run, with
/// completed tasks that have runs and costs and pending ones that have none, which nothing changes while
/// it is measured. Its host is a real one (<c>AddOrch</c>, hosted services started), as in Orch.Mcp.
/// </summary>
internal sealed class StatusProject : IAsyncDisposable
{
    public const int Size = 1_000;

    private static readonly TimeSpan SetUpLimit = TimeSpan.FromMinutes(5);

    private readonly IHost host;
    private bool stopped;

    private StatusProject(IHost host, string dataDirectory, Guid projectId, ProjectRunView view)
    {
        this.host = host;
        DataDirectory = dataDirectory;
        ProjectId = projectId;
        View = view;
    }

    public string DataDirectory { get; }

    public Guid ProjectId { get; }

    /// <summary>The project as it settled, before any measure.</summary>
    public ProjectRunView View { get; }

    public static async Task<StatusProject> CreateAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("orch-bench-mcp-status").FullName;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orch:DataDirectory"] = directory,
            ["Orch:Plans:MaxTasks"] = Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orch:Execution:MaxConcurrentTasks"] = "64",
            ["Orch:Execution:MaxConcurrentTasksPerProject"] = "64",
        });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddOrch(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var services = host.Services;
            var project = await services.GetRequiredService<ProjectService>().CreateAsync(new NewProject($"status bench {Size}"), cancellationToken);
            var draft = await services.GetRequiredService<PlanService>().CreateDraftFromJsonAsync(project.Id, "benchmark", EngineBench.Plan(Size), PlanSource.Manual, cancellationToken);
            await services.GetRequiredService<PlanService>().ApproveAsync(draft.Id, "bench", cancellationToken);
            var execution = services.GetRequiredService<ExecutionService>();
            await execution.ExecuteAsync(project.Id, "bench", cancellationToken);

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(SetUpLimit);
            var reader = services.GetRequiredService<ProjectRunReader>();
            await WaitForAsync(reader, project.Id, v => v.TaskCounts.GetValueOrDefault(nameof(PlanTaskStatus.Completed)) >= Size / 2 || v.Status != ProjectStatus.Running, limit.Token);
            await execution.PauseAsync(project.Id, "bench", cancellationToken);
            var settled = await WaitForAsync(reader, project.Id, v => !v.Tasks.Any(t => t.Status is PlanTaskStatus.Running or PlanTaskStatus.Verifying), limit.Token);
            return new StatusProject(host, directory, project.Id, settled);
        }
        catch
        {
            // A failed set-up leaves no engine running and no files behind.
            await ReleaseAsync(host);
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// What the status tool does inside the server, timed <paramref name="iterations"/> times after
    /// <paramref name="warmUp"/> untimed calls: <see cref="ProjectRunReader.ReadAsync"/>,
    /// <see cref="RunSummary.From"/>, the tool result as Orch.Mcp's ToolReply builds it (internal there, so
    /// repeated here: the summary as structured content and its short readable text), and that result
    /// serialised as the transport writes it (the summary with Orch.Mcp's generated contract, the envelope
    /// with the MCP SDK's own JSON options). Also the read alone, to show where the time goes.
    /// </summary>
    public async Task<(Samples Read, Samples Tool, int ResultBytes)> MeasureStatusAsync(int warmUp, int iterations, CancellationToken cancellationToken)
    {
        var reader = host.Services.GetRequiredService<ProjectRunReader>();
        var options = McpJsonUtilities.DefaultOptions;
        var reads = new List<double>(iterations);
        var tools = new List<double>(iterations);
        var bytes = 0;
        for (var i = -warmUp; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var view = await reader.ReadAsync(ProjectId, cancellationToken);
            var read = Stopwatch.GetElapsedTime(started);
            var summary = RunSummary.From(view);
            var result = new CallToolResult
            {
                Content = [new TextContentBlock { Text = summary.ToText() }],
                StructuredContent = JsonSerializer.SerializeToElement(summary, ReplyJson.Of<RunSummary>()),
            };
            bytes = JsonSerializer.SerializeToUtf8Bytes(result, options).Length;
            var tool = Stopwatch.GetElapsedTime(started);
            if (i >= 0)
            {
                reads.Add(read.TotalMilliseconds);
                tools.Add(tool.TotalMilliseconds);
            }
        }

        return (Samples.Of(reads), Samples.Of(tools), bytes);
    }

    /// <summary>Stops the engine and lets go of the database file, so that an Orch.Mcp process can open it; the data stays.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await ReleaseAsync(host);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private static async Task ReleaseAsync(IHost host)
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.StopAsync(stop.Token);
        }

        host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static async Task<ProjectRunView> WaitForAsync(ProjectRunReader reader, Guid projectId, Func<ProjectRunView, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var view = await reader.ReadAsync(projectId, cancellationToken);
            if (done(view))
            {
                return view;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
