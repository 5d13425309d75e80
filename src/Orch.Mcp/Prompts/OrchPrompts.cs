using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Orch.Mcp.Prompts;

/// <summary>Prompts that clients offer as commands: plan a piece of work with Orch, or check on a project.</summary>
[McpServerPromptType]
public sealed class OrchPrompts
{
    [McpServerPrompt(Name = "plan_with_orch", Title = "Plan this with Orch")]
    [Description("Turns a description of work into an Orch plan, shows it for review, and runs it once approved.")]
    public static string PlanWithOrch(
        [Description("What should be done.")] string work,
        [Description("A budget cap in USD for the project, if any.")] string? budget_usd = null) =>
        $"""
        Use the Orch tools to get this done: {work}

        1. Call plan with these requirements{(string.IsNullOrWhiteSpace(budget_usd) ? string.Empty : $" and budget_usd {budget_usd}")}.
        2. Show me the tasks (title, tier, dependencies, estimated cost) and the forecast against the budget. Change them with revise_plan if I ask.
        3. Only when I say so, call approve, then execute.
        4. Follow progress with status (wait_seconds 30) and tell me when tasks finish, fail or wait for me; use task_output to show results.
        """;

    [McpServerPrompt(Name = "orch_status", Title = "How is my Orch project doing?")]
    [Description("Summarises a project's run: progress, spend against budget, failures and what waits for a person.")]
    public static string Status([Description("The project's id.")] string project_id) =>
        $"""
        Call status for Orch project {project_id}. Summarise: how many tasks are done, running and waiting;
        what was spent against the budget; any failed task with its error, and any task waiting for a person
        with what it needs. Suggest the control action (retry, skip, accept, resume) that would move it on.
        """;
}
