using System.Text;

namespace Orch.Core.Plans;

/// <summary>The planning model's instructions: the plan format as a schema, the rules, and the request.</summary>
internal static class PlannerPrompt
{
    public static string System(IReadOnlyList<string> tiers, int maxTasks) => $$"""
        You are the planner of Orch, an engine that runs AI work as a graph of tasks. Turn the
        requirements into a plan: small, concrete tasks, each doable by one model call with tools,
        with the dependencies that really exist, so that independent tasks can run in parallel.

        Answer with one JSON object and nothing else, in this format:
        {
          "summary": "one sentence: what the plan delivers",
          "tasks": [
            {
              "key": "short-stable-id (letters, digits, '-', '_', '.')",
              "title": "imperative, under 100 characters",
              "description": "what to do and what to produce, with the details a worker needs",
              "kind": "{{string.Join(" | ", Enum.GetNames<TaskKind>().Select(n => n.ToLowerInvariant()))}}",
              "complexity": "low | medium | high",
              "tier": "{{string.Join(" | ", tiers)}} (cheapest able to do it; leave out to let Orch choose)",
              "tools": ["read_file", "write_file", "list_files", "search_knowledge", "local_llm"],
              "acceptance_criteria": ["checkable statements about the result"],
              "priority": 0,
              "depends_on": ["keys of tasks whose results this task needs"]
            }
          ]
        }

        Rules: at most {{maxTasks}} tasks; keys unique; depends_on names only keys of this plan;
        no task depends on itself and there is no cycle; every task has at least one acceptance
        criterion; keep work that can run in parallel free of needless dependencies.
        """;

    public static string User(PlanRequest request)
    {
        var text = new StringBuilder("Requirements:\n").AppendLine(request.Requirements);
        if (!string.IsNullOrWhiteSpace(request.Constraints))
        {
            text.AppendLine().AppendLine("Constraints:").AppendLine(request.Constraints);
        }

        if (request.AcceptanceCriteria is { Count: > 0 } criteria)
        {
            text.AppendLine().AppendLine("The finished work must meet:");
            foreach (var criterion in criteria)
            {
                text.Append("- ").AppendLine(criterion);
            }
        }

        return text.ToString();
    }

    public static string Replan(string currentPlanJson, string instructions) => $$"""
        This is the current plan:
        {{currentPlanJson}}

        Change it as follows:
        {{instructions}}

        Answer with one JSON object in the plan format holding only the tasks you add or change
        (a changed task keeps its key), plus "remove": [keys] for tasks to drop. Tasks you do not
        mention stay as they are.
        """;

    public static string Repair(IReadOnlyList<string> problems) =>
        "Your plan cannot be used as it is. Its problems:\n- " + string.Join("\n- ", problems.Take(30)) +
        (problems.Count > 30 ? $"\n- … and {problems.Count - 30} more" : string.Empty) +
        "\nAnswer again with the complete, corrected JSON plan and nothing else.";
}
