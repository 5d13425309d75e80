using System.Text;
using Orch.Core.Plans;

namespace Orch.Core.Execution;

/// <summary>What a task's model is told: the task, what its dependencies produced, and any feedback.</summary>
public static class TaskPrompt
{
    /// <summary>A dependency's output beyond this is cut, with a note; the full text stays searchable.</summary>
    public const int MaxDependencyChars = 12_000;

    public static string System(IReadOnlyCollection<string> toolNames)
    {
        var text = new StringBuilder()
            .AppendLine("You carry out one task of a larger plan. Do exactly that task, completely, and meet every acceptance criterion.")
            .AppendLine("Your final answer is the task's result: the finished work itself, not a description of what you would do.");
        if (toolNames.Count > 0)
        {
            text.Append("Tools available: ").Append(string.Join(", ", toolNames)).AppendLine(". Use them when the task needs files or earlier results; answer without a tool call when done.");
            text.AppendLine("File paths are relative to the project's workspace folder.");
        }

        return text.ToString();
    }

    public static string User(PlanTaskDefinition task, IReadOnlyList<DependencyOutput> dependencies, string? feedback)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dependencies);
        var text = new StringBuilder();
        text.Append("Task: ").AppendLine(task.Title);
        if (task.Description.Length > 0)
        {
            text.AppendLine().AppendLine(task.Description);
        }

        if (task.AcceptanceCriteria.Count > 0)
        {
            text.AppendLine().AppendLine("Acceptance criteria:");
            foreach (var criterion in task.AcceptanceCriteria)
            {
                text.Append("- ").AppendLine(criterion);
            }
        }

        foreach (var dependency in dependencies)
        {
            text.AppendLine().Append("Result of the earlier task '").Append(dependency.Title).Append("' (").Append(dependency.Key).AppendLine("):");
            text.AppendLine(dependency.Output.Length <= MaxDependencyChars
                ? dependency.Output
                : dependency.Output[..MaxDependencyChars] + $"\n[… cut at {MaxDependencyChars} characters; search_knowledge finds the rest]");
        }

        if (!string.IsNullOrWhiteSpace(feedback))
        {
            text.AppendLine().AppendLine("A reviewer checked your previous attempt against the criteria and found it incomplete. Fix this:").AppendLine(feedback);
        }

        return text.ToString();
    }
}
