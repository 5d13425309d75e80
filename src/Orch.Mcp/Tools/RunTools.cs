using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Execution;
using Orch.Core.Projects;

namespace Orch.Mcp.Tools;

/// <summary>Running an approved plan, watching it, and steering it: thin adapters over Orch.Core's execution service.</summary>
[McpServerToolType]
public sealed class RunTools
{
    /// <summary>Under the call time-outs of the common clients (60 s and more).</summary>
    public const int MaxWaitSeconds = 50;

    [McpServerTool(Name = "execute", Destructive = false, Idempotent = true, OpenWorld = true)]
    [StructuredReply(typeof(RunState))]
    [Description("Starts running a project's approved plan; returns at once. Tasks run in parallel as dependencies complete, on the cheapest suitable tier, within the caps. With a progress token, progress notifications follow.")]
    public static async Task<CallToolResult> Execute(
        ExecutionService execution,
        ProjectRunReader runs,
        ExecutionProgress progress,
        RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] Guid project_id,
        CancellationToken cancellationToken = default)
    {
        var result = await execution.ExecuteAsync(project_id, "assistant", cancellationToken);
        if (context.Params?.ProgressToken is { } token)
        {
            progress.Follow(context.Server, token, project_id);
        }

        return ToolReply.Of(RunState.From(await runs.ReadAsync(project_id, cancellationToken), result.Message));
    }

    [McpServerTool(Name = "status", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [StructuredReply(typeof(RunSummary))]
    [Description("A project's status, spend against budget, and each task's status, tier, model, attempts and cost. wait_seconds waits for a change first (at most 50).")]
    public static async Task<CallToolResult> Status(
        ProjectRunReader runs,
        EventHub hub,
        [Description("The project's id.")] Guid project_id,
        [Description("Wait up to this many seconds (0 to 50) for a change before answering. Default 0.")] int wait_seconds = 0,
        CancellationToken cancellationToken = default)
    {
        if (wait_seconds is < 0 or > MaxWaitSeconds)
        {
            throw new InvalidInputException("wait_seconds", $"must be between 0 and {MaxWaitSeconds} (was {wait_seconds}).");
        }

        var view = await runs.ReadAsync(project_id, cancellationToken);
        if (wait_seconds == 0 || view.Status is ProjectStatus.Completed or ProjectStatus.Cancelled)
        {
            return ToolReply.Of(RunSummary.From(view));
        }

        // Woken by this process's events at once; work done by other processes is seen by polling the log.
        using var changes = hub.Subscribe(e => e.ProjectId == project_id, 64);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(wait_seconds));
        var seen = view.LastEventSequence;
        try
        {
            while (view.LastEventSequence == seen)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                poll.CancelAfter(TimeSpan.FromMilliseconds(500));
                try
                {
                    await changes.Reader.WaitToReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                }

                view = await runs.ReadAsync(project_id, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing changed in time: the current state is the answer.
        }

        return ToolReply.Of(RunSummary.From(view));
    }

    [McpServerTool(Name = "task_output", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [StructuredReply(typeof(TaskOutput))]
    [Description("The full output of a task, the workspace files it wrote, and the verifier's verdict.")]
    public static async Task<CallToolResult> GetTaskOutput(
        ProjectRunReader runs,
        [Description("The project's id.")] Guid project_id,
        [Description("The task's id, as in status.")] string task_id,
        CancellationToken cancellationToken = default)
    {
        var task = await runs.ReadOutputAsync(project_id, task_id, cancellationToken);
        return ToolReply.Of(new TaskOutput(task.Key, task.Title, RunSummary.Lower(task.Status), task.Attempts, task.Output, task.Files, task.Verdict, task.VerdictDetail, task.Error));
    }

    [McpServerTool(Name = "usage", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [StructuredReply(typeof(UsageSummary))]
    [Description("Spend over the last days by day, model, tier and project, with where the daily and monthly caps stand now.")]
    public static async Task<CallToolResult> Usage(
        UsageReader usage,
        [Description("How many days back, today included: 1 to 366. Default 7.")] int days = 7,
        CancellationToken cancellationToken = default) =>
        ToolReply.Of(UsageSummary.Of(await usage.ReadAsync(days, cancellationToken)));

    [McpServerTool(Name = "control", Destructive = true, Idempotent = false, OpenWorld = false)]
    [StructuredReply(typeof(RunState))]
    [Description("Steers a run. Project: pause, resume, cancel (not undoable). Task (with task_id): retry a failed task, skip (counts as done, empty output), accept one waiting for review, cancel.")]
    public static async Task<CallToolResult> Control(
        ExecutionService execution,
        ProjectRunReader runs,
        [Description("The project's id.")] Guid project_id,
        [Description("pause, resume, cancel, retry, skip or accept.")] string action,
        [Description("The task's id (as in status), for retry, skip, accept, or to cancel one task.")] string? task_id = null,
        CancellationToken cancellationToken = default)
    {
        const string by = "assistant";
        var verb = (action ?? string.Empty).Trim().ToLowerInvariant();
        ControlResult result;
        if (task_id is { Length: > 0 })
        {
            var view = await runs.ReadAsync(project_id, cancellationToken);
            var task = view.Tasks.FirstOrDefault(t => t.Key == task_id)
                ?? throw new InvalidInputException("task_id", $"the project has no task '{task_id}'.");
            result = verb switch
            {
                "retry" => await execution.RetryTaskAsync(task.Id, by, cancellationToken),
                "skip" => await execution.SkipTaskAsync(task.Id, by, cancellationToken),
                "accept" => await execution.AcceptTaskAsync(task.Id, by, cancellationToken),
                "cancel" => await execution.CancelTaskAsync(task.Id, by, cancellationToken),
                _ => throw new InvalidInputException("action", $"'{action}' is not a task action; use retry, skip, accept or cancel."),
            };
        }
        else
        {
            result = verb switch
            {
                "pause" => await execution.PauseAsync(project_id, by, cancellationToken),
                "resume" => await execution.ResumeAsync(project_id, by, cancellationToken),
                "cancel" => await execution.CancelAsync(project_id, by, cancellationToken),
                "retry" or "skip" or "accept" => throw new InvalidInputException("task_id", $"'{verb}' acts on a task: give task_id."),
                _ => throw new InvalidInputException("action", $"'{action}' is not an action; use pause, resume, cancel, retry, skip or accept."),
            };
        }

        return ToolReply.Of(RunState.From(await runs.ReadAsync(project_id, cancellationToken), result.Message));
    }
}
