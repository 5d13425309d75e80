using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Mcp.Tools;

/// <summary>Planning and approval for assistants: thin adapters over Orch.Core's planning service.</summary>
[McpServerToolType]
public sealed class PlanTools
{
    [McpServerTool(Name = "plan", Destructive = false, Idempotent = false, OpenWorld = false)]
    [StructuredReply(typeof(PlanSummary))]
    [Description("Turns requirements (or a YAML/JSON workflow) into a draft plan: tasks with dependencies, kind, complexity, tier and estimated cost, and a forecast against the budget. Nothing runs until approved.")]
    public static async Task<CallToolResult> Plan(
        PlanningService planning,
        ProjectService projects,
        [Description("What should be done, in plain language; numbered or bulleted steps help.")] string requirements,
        [Description("An existing project's id or exact name; a new project when absent.")] string? project = null,
        [Description("The project's budget cap in USD, for a new project.")] decimal? budget_usd = null,
        [Description("Limits the work must respect (tools, style, deadlines).")] string? constraints = null,
        [Description("What the finished work must meet, one statement each.")] string[]? acceptance_criteria = null,
        [Description("A workflow definition (YAML or JSON) to use instead of planning from the requirements.")] string? workflow = null,
        [Description("Who does the tasks: 'orch' (default: Orch's models) or 'assistant' (you, with next_task and submit_result).")] string? worker = null,
        CancellationToken cancellationToken = default)
    {
        var forAssistant = (worker ?? "orch").Trim().ToLowerInvariant() switch
        {
            "orch" or "" => false,
            "assistant" => true,
            _ => throw new InvalidInputException("worker", $"'{worker}' is not a worker; use orch or assistant."),
        };
        var (projectId, projectName) = await ProjectReference.ResolveAsync(projects, project, cancellationToken);
        var result = workflow is { Length: > 0 }
            ? await planning.FromWorkflowAsync(workflow, projectId, projectName ?? FirstLine(requirements), budget_usd, null, forAssistant, cancellationToken)
            : await planning.PlanAsync(new PlanningRequest(requirements, projectId, projectName, constraints, acceptance_criteria, budget_usd, forAssistant), cancellationToken);
        return ToolReply.Of(PlanSummary.From(result.Plan, result.Forecast));
    }

    [McpServerTool(Name = "revise_plan", Destructive = false, Idempotent = false, OpenWorld = false)]
    [StructuredReply(typeof(PlanSummary))]
    [Description("Makes a new draft version of the newest plan: by instructions to the planner, or by edits to single tasks. Tasks not mentioned stay.")]
    public static async Task<CallToolResult> RevisePlan(
        PlanningService planning,
        [Description("The id of the plan version to revise (the newest of its project).")] Guid plan_id,
        [Description("Changes in plain language, e.g. 'add a review step after the draft'.")] string? instructions = null,
        [Description("Edits to tasks by id: title, description, kind, complexity, tier, depends_on, acceptance_criteria; fields left out keep their value.")] TaskEditInput[]? edits = null,
        [Description("Ids of tasks to remove.")] string[]? remove = null,
        CancellationToken cancellationToken = default)
    {
        var result = instructions is { Length: > 0 }
            ? await planning.ReplanAsync(plan_id, instructions, cancellationToken)
            : await planning.ReviseAsync(plan_id, new PlanRevision([.. (edits ?? []).Select(e => e.ToEdit())], null, remove), cancellationToken);
        return ToolReply.Of(PlanSummary.From(result.Plan, result.Forecast));
    }

    [McpServerTool(Name = "approve", Destructive = false, Idempotent = false, OpenWorld = false)]
    [StructuredReply(typeof(ApprovalSummary))]
    [Description("Approves a draft plan version so it may run; approved versions never change. Where the client can, the person confirms it, seeing the task count and forecast against the budget.")]
    public static async Task<CallToolResult> Approve(
        PlanService plans,
        PlanningService planning,
        ProjectService projects,
        McpServer server,
        [Description("The id of the draft plan version to approve.")] Guid plan_id,
        CancellationToken cancellationToken = default)
    {
        var draft = await plans.GetAsync(plan_id, cancellationToken);
        if (draft.Status != PlanStatus.Draft)
        {
            throw new InvalidInputException("plan_id", $"plan v{draft.Version} is {draft.Status}; only a draft plan can be approved.");
        }

        var client = server.ClientInfo?.Name is { Length: > 0 } name ? name[..Math.Min(name.Length, 100)] : "assistant";
        var by = client;
        if (server.ClientCapabilities?.Elicitation is not null)
        {
            var project = await projects.GetAsync(draft.ProjectId, cancellationToken);
            var forecast = await planning.ForecastAsync(draft.Id, cancellationToken);
            await ApprovalQuestion.AskAsync(server, project, draft, forecast, cancellationToken);
            by = $"person, asked through {client}";
        }

        var plan = await plans.ApproveAsync(plan_id, by, cancellationToken);
        return ToolReply.Of(ApprovalSummary.From(plan, await planning.ForecastAsync(plan.Id, cancellationToken)));
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length == 0 ? "Workflow" : line.Length <= 80 ? line : line[..80];
    }
}
