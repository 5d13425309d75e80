using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Events;
using Orch.Core.Models;
using Orch.Core.Models.Providers;
using Orch.Core.Plans;
using Orch.Core.Storage;
using Orch.Core.Tools;

namespace Orch.Core.Execution;

/// <summary>
/// One attempt at a task: the routed model with a bounded tool loop. Every round reserves its
/// worst case against every cap before the call (a refusal stops the attempt with its partial
/// result); the loop stops at the round limit, the token limit or the time-out, and says which.
/// </summary>
public sealed partial class TaskRunner(
    IDbContextFactory<OrchDbContext> contextFactory,
    GroupCommit commits,
    ModelRouter router,
    MeteredChat chat,
    ToolRegistry tools,
    Workspaces workspaces,
    EventFactory events,
    IOptionsMonitor<ExecutionOptions> options,
    ILogger<TaskRunner> logger)
{
    /// <param name="claim">The attempt.</param>
    /// <param name="stopping">Cancelled when this node shuts down: the attempt is interrupted, not failed.</param>
    /// <param name="cancellationToken">Cancelled when a person cancels the task or its project.</param>
    public async Task<RunResult> RunAsync(ClaimedRun claim, CancellationToken stopping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var settings = options.CurrentValue;
        var task = claim.Task;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(task.TimeoutSeconds ?? settings.TaskTimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping, timeout.Token);
        var state = new LoopState();
        try
        {
            return await LoopAsync(claim, settings, state, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return state.End(RunEnding.Cancelled, "cancelled");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return state.End(RunEnding.Interrupted, "the node running it shut down");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return state.End(RunEnding.TransientFailure, $"timed out after {task.TimeoutSeconds ?? settings.TaskTimeoutSeconds} s");
        }
        catch (BudgetExceededException ex)
        {
            return state.End(RunEnding.BudgetExceeded, ex.Message) with { Budget = ex };
        }
        catch (ProviderException ex)
        {
            return state.End(ex.IsTransient ? RunEnding.TransientFailure : RunEnding.Failed, ex.Message);
        }
        catch (NoModelAvailableException ex)
        {
            return state.End(RunEnding.TransientFailure, ex.Message);
        }
        catch (OrchException ex)
        {
            // Unpriced model, unknown tier and the like: trying again changes nothing.
            return state.End(RunEnding.Failed, ex.Message);
        }
    }

    private async Task<RunResult> LoopAsync(ClaimedRun claim, ExecutionOptions settings, LoopState state, CancellationToken cancellationToken)
    {
        var task = claim.Task;
        var route = router.Route(task.Kind, task.Complexity, task.Tier, claim.Escalation);
        state.Route = route;
        var available = tools.For(task.Tools).Tools;
        var context = new ToolContext(claim.ProjectId, claim.TaskId, claim.RunId, claim.Attempt, task.Key, workspaces.For(claim.ProjectId), route.Tier.Name);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, TaskPrompt.System([.. available.Select(t => t.Name)])),
            new(ChatRole.User, TaskPrompt.User(task, await DependencyOutputsAsync(claim, cancellationToken), claim.Feedback)),
        };
        var chatOptions = new ChatOptions
        {
            Tools = available.Count > 0 ? ToolRegistry.Declarations(available) : null,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ChatRequestKeys.Purpose] = ChatPurpose.Task,
                [ChatRequestKeys.AcceptanceCriteria] = task.AcceptanceCriteria,
            },
        };
        var usage = new UsageContext(UsagePurpose.Execution, claim.ProjectId, claim.TaskId, claim.RunId, claim.Attempt);
        while (true)
        {
            if (state.Rounds >= settings.MaxToolRounds)
            {
                return state.End(RunEnding.Failed, $"stopped at the tool round limit ({settings.MaxToolRounds} model calls) with the model still calling tools");
            }

            if (state.InputTokens + state.OutputTokens >= settings.MaxTokensPerAttempt)
            {
                return state.End(RunEnding.Failed, $"stopped at the token limit ({settings.MaxTokensPerAttempt} tokens in and out)");
            }

            // Each round reserves anew: the budget is topped up before every call, against every cap.
            var answer = await chat.GetResponseAsync(route, messages, chatOptions.Clone(), usage, cancellationToken);
            state.Add(answer);
            messages.AddRange(answer.Response.Messages);
            var calls = answer.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return state.End(RunEnding.Answered, null, answer.Response.Text);
            }

            state.LastText = answer.Response.Text is { Length: > 0 } partial ? partial : state.LastText;
            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                var result = await InvokeAsync(call, context, cancellationToken);
                state.Files.UnionWith(result.FilesWritten);
                results.Add(new FunctionResultContent(call.CallId, result.Content));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }

    private async Task<ToolResult> InvokeAsync(FunctionCallContent call, ToolContext context, CancellationToken cancellationToken)
    {
        using var activity = OrchTelemetry.Source.StartActivity("orch.tool_call");
        activity?.SetTag("orch.tool", call.Name);
        var result = call.Exception is { } bad
            ? ToolResult.Error($"The arguments of {call.Name} could not be read: {bad.Message}")
            : await tools.InvokeAsync(call.Name, call.Arguments is null ? null : new Dictionary<string, object?>(call.Arguments), context, cancellationToken);
        if (result.IsError)
        {
            LogToolRefused(logger, call.Name, context.TaskKey, result.Content);
        }

        var logged = events.Create(EventTypes.TaskToolCall, context.ProjectId, context.PlanTaskId, new JsonObject
        {
            ["key"] = context.TaskKey,
            ["run_id"] = context.TaskRunId,
            ["tool"] = call.Name,
            ["ok"] = !result.IsError,
            // Shortened: the log says what was asked and answered, not every byte of a file written or read.
            ["arguments"] = Clip(call.Exception is null ? ToolJson.ArgumentsText(call) : "(unreadable)", 300),
            ["result"] = Clip(result.Content, 300),
            ["result_chars"] = result.Content.Length,
            ["files"] = new JsonArray([.. result.FilesWritten.Select(f => (JsonNode)f)]),
        });
        await commits.RunAsync((db, _) =>
        {
            db.Events.Add(logged);
            return Task.FromResult(true);
        }, cancellationToken);
        return result;
    }

    private async Task<IReadOnlyList<DependencyOutput>> DependencyOutputsAsync(ClaimedRun claim, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await DependencyOutputs.ReadAsync(db, claim.PlanId, claim.Task.DependsOn, cancellationToken);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} refused or failed for task {Task}: {Detail}")]
    private static partial void LogToolRefused(ILogger logger, string tool, string task, string detail);

    private sealed class LoopState
    {
        public RouteDecision? Route { get; set; }

        public int Rounds { get; private set; }

        public long InputTokens { get; private set; }

        public long OutputTokens { get; private set; }

        public long CostMicros { get; private set; }

        public string? Model { get; private set; }

        public string? LastText { get; set; }

        public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

        public void Add(MeteredResponse answer)
        {
            Rounds++;
            InputTokens += answer.InputTokens;
            OutputTokens += answer.OutputTokens;
            CostMicros += answer.CostMicros;
            Model = answer.Model;
        }

        public RunResult End(RunEnding ending, string? error, string? output = null) => new(
            ending,
            output ?? LastText,
            error,
            [.. Files.Order(StringComparer.Ordinal)],
            Rounds,
            InputTokens,
            OutputTokens,
            CostMicros,
            Route?.Tier.Name,
            Route?.ProviderName,
            Model ?? Route?.Tier.Model);
    }
}
