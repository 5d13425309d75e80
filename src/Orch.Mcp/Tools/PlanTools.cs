using System.ComponentModel;
using ModelContextProtocol.Server;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Mcp.Tools;

/// <summary>Planning and approval for assistants: thin adapters over Orch.Core's planning service.</summary>
[McpServerToolType]
public sealed class PlanTools
{
    [McpServerTool(Name = "plan", Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Turns requirements (or a workflow definition in YAML or JSON) into a draft plan: tasks with dependencies, kind, complexity, model tier and estimated cost, plus a cost forecast against the budget. Nothing runs until the plan is approved.")]
    public static async Task<PlanSummary> Plan(
        PlanningService planning,
        ProjectService projects,
        [Description("What should be done, in plain language; numbered or bulleted steps help.")] string requirements,
        [Description("An existing project's id or exact name; a new project when absent.")] string? project = null,
        [Description("The project's budget cap in USD, for a new project.")] decimal? budget_usd = null,
        [Description("Limits the work must respect (tools, style, deadlines).")] string? constraints = null,
        [Description("What the finished work must meet, one statement each.")] string[]? acceptance_criteria = null,
        [Description("A workflow definition (YAML or JSON) to use instead of planning from the requirements.")] string? workflow = null,
        CancellationToken cancellationToken = default)
    {
        var (projectId, projectName) = await ProjectReference.ResolveAsync(projects, project, cancellationToken);
        var result = workflow is { Length: > 0 }
            ? await planning.FromWorkflowAsync(workflow, projectId, projectName ?? FirstLine(requirements), budget_usd, null, cancellationToken)
            : await planning.PlanAsync(new PlanningRequest(requirements, projectId, projectName, constraints, acceptance_criteria, budget_usd), cancellationToken);
        return PlanSummary.From(result.Plan, result.Forecast);
    }

    [McpServerTool(Name = "revise_plan", Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Changes the newest version of a plan into a new draft version: by instructions to the planner, or by edits to single tasks. Tasks not mentioned stay as they are.")]
    public static async Task<PlanSummary> RevisePlan(
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
        return PlanSummary.From(result.Plan, result.Forecast);
    }

    [McpServerTool(Name = "approve", Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Approves a draft plan version so that it may run. An approved version never changes afterwards.")]
    public static async Task<PlanSummary> Approve(
        PlanService plans,
        PlanningService planning,
        [Description("The id of the draft plan version to approve.")] Guid plan_id,
        CancellationToken cancellationToken = default)
    {
        var plan = await plans.ApproveAsync(plan_id, "assistant", cancellationToken);
        return PlanSummary.From(plan, await planning.ForecastAsync(plan.Id, cancellationToken));
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length == 0 ? "Workflow" : line.Length <= 80 ? line : line[..80];
    }
}
