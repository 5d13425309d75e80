using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core;
using Orch.Core.Execution;

namespace Orch.Mcp.Tools;

/// <summary>The calling assistant as a worker: it claims tasks marked for it, does them itself, and hands the results back.</summary>
[McpServerToolType]
public sealed class AssistantTools
{
    [McpServerTool(Name = "next_task", Destructive = false, Idempotent = false, OpenWorld = false)]
    [StructuredReply(typeof(NextTask))]
    [Description("Claims the next ready task marked for the assistant (tier 'assistant') for you to do yourself, at no cost to Orch. Returns the task, its dependencies' outputs and a run_id for submit_result; after the lease it goes back to the pool.")]
    public static async Task<CallToolResult> NextTaskAsync(
        AssistantWork work,
        McpServer server,
        [Description("The project's id.")] Guid project_id,
        CancellationToken cancellationToken = default) =>
        ToolReply.Of(NextTask.From(await work.ClaimAsync(project_id, Worker(server), cancellationToken)));

    [McpServerTool(Name = "submit_result", Destructive = false, Idempotent = false, OpenWorld = false)]
    [StructuredReply(typeof(SubmittedResult))]
    [Description("Hands back the result of a task claimed with next_task; it is verified like any other. Say what the work used: model, input_tokens and output_tokens, or billing 'subscription'.")]
    public static async Task<CallToolResult> SubmitResultAsync(
        AssistantWork work,
        [Description("The run_id that next_task returned.")] Guid run_id,
        [Description("The finished work itself (what dependents receive).")] string output,
        [Description("The model that did the work.")] string? model = null,
        [Description("Input tokens the work used.")] long? input_tokens = null,
        [Description("Output tokens the work used.")] long? output_tokens = null,
        [Description("'tokens' (default) or 'subscription' when a flat-rate plan paid and tokens are unknown.")] string? billing = null,
        [Description("Workspace files to write with the result.")] FileInput[]? files = null,
        CancellationToken cancellationToken = default)
    {
        var subscription = (billing ?? "tokens").Trim().ToLowerInvariant() switch
        {
            "tokens" or "" => false,
            "subscription" => true,
            _ => throw new InvalidInputException("billing", $"'{billing}' is not a billing; use tokens or subscription."),
        };
        var submission = new AssistantSubmission(run_id, output, files?.Select(f => new SubmittedFile(f?.Path!, f?.Content!)).ToList(), model, input_tokens, output_tokens, subscription);
        return ToolReply.Of(SubmittedResult.From(await work.SubmitAsync(submission, cancellationToken)));
    }

    private static string Worker(McpServer server) =>
        server.ClientInfo?.Name is { Length: > 0 } name ? $"assistant ({(name.Length <= 100 ? name : name[..100])})" : "assistant";
}
