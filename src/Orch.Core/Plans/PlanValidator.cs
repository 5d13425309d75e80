using System.Text.RegularExpressions;
using Orch.Core.Budgets;

namespace Orch.Core.Plans;

/// <summary>
/// Checks a <see cref="PlanDocument"/> field by field and as a graph, reporting every problem
/// at once; a valid document comes back as normalised <see cref="PlanTaskDefinition"/>s.
/// </summary>
public static partial class PlanValidator
{
    /// <param name="document">The plan as read.</param>
    /// <param name="maxTasks">The task cap in force.</param>
    /// <param name="knownTiers">The configured tier names; when given, a task naming another tier is a problem.</param>
    public static PlanValidation Validate(PlanDocument document, int maxTasks, IReadOnlyCollection<string>? knownTiers = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<PlanProblem>();
        var summary = Text(document.Summary, "summary", PlanLimits.MaxSummaryLength, required: false, problems);
        var tasks = document.Tasks ?? [];
        if (document.Tasks is null)
        {
            problems.Add(new("missing_field", "The plan has no \"tasks\" array.", "tasks"));
            return new PlanValidation(problems, summary, [], null);
        }

        if (tasks.Count > maxTasks)
        {
            // Refused before any task is read: the cap bounds the work done on hostile input.
            problems.Add(new("too_many_tasks", $"The plan has {tasks.Count:N0} tasks; at most {maxTasks:N0} are allowed.", "tasks"));
            return new PlanValidation(problems, summary, [], null);
        }

        var nodes = new List<GraphNode>(tasks.Count);
        var definitions = new List<PlanTaskDefinition>(tasks.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            // A task cannot depend on more tasks than the plan may hold.
            var definition = ValidateTask(tasks[i], $"tasks[{i}]", maxTasks, problems);
            if (definition is { Tier: { } tier } && knownTiers is not null && !knownTiers.Contains(tier, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new("unknown_tier", $"The tier '{tier}' is not configured; the tiers are {string.Join(", ", knownTiers)}.", $"tasks[{i}].tier"));
            }

            if (definition is not null)
            {
                definitions.Add(definition);
                nodes.Add(new GraphNode(definition.Key, definition.DependsOn));
            }
            else
            {
                // Still part of the graph, so that its key and edges are checked too.
                nodes.Add(new GraphNode(tasks[i]?.Key?.Trim() ?? string.Empty, [.. (tasks[i]?.DependsOn ?? []).Take(maxTasks).OfType<string>().Select(d => d.Trim())]));
            }
        }

        var graph = TaskGraph.Analyze(nodes, maxTasks);
        foreach (var problem in graph.Problems.Where(p => p.Kind != GraphProblemKind.MissingKey))
        {
            problems.Add(new(CodeOf(problem.Kind), problem.Message, null, problem.Keys));
        }

        return problems.Count == 0
            ? new PlanValidation([], summary, definitions, graph)
            : new PlanValidation(problems, summary, [], graph.IsValid ? null : graph);
    }

    private static PlanTaskDefinition? ValidateTask(PlanTaskDocument? task, string path, int maxDependencies, List<PlanProblem> problems)
    {
        if (task is null)
        {
            problems.Add(new("invalid_field", "A task is null; expected an object.", path));
            return null;
        }

        var before = problems.Count;
        var key = Text(task.Key, $"{path}.key", PlanLimits.MaxKeyLength, required: true, problems);
        if (key.Length > 0 && !KeyPattern().IsMatch(key))
        {
            problems.Add(new("invalid_field", $"The key '{Shorten(key)}' may hold only letters, digits, '.', '_' and '-', starting with a letter or digit.", $"{path}.key"));
        }

        var title = Text(task.Title, $"{path}.title", PlanLimits.MaxTitleLength, required: true, problems);
        var description = Text(task.Description, $"{path}.description", PlanLimits.MaxDescriptionLength, required: false, problems);
        var kind = EnumValue(task.Kind, TaskKind.Other, $"{path}.kind", problems);
        var complexity = EnumValue(task.Complexity, TaskComplexity.Medium, $"{path}.complexity", problems);
        string? tier = Text(task.Tier, $"{path}.tier", PlanLimits.MaxTierLength, required: false, problems).ToLowerInvariant();
        if (tier.Length == 0)
        {
            tier = null;
        }
        else if (!NamePattern().IsMatch(tier))
        {
            problems.Add(new("invalid_field", $"The tier '{tier}' is not a tier name (a letter, then letters, digits, '_' or '-').", $"{path}.tier"));
        }

        var tools = List(task.Tools, $"{path}.tools", PlanLimits.MaxTools, PlanLimits.MaxToolNameLength, problems);
        foreach (var tool in tools.Where(t => !NamePattern().IsMatch(t)))
        {
            problems.Add(new("invalid_field", $"The tool name '{tool}' is not a tool name (a letter, then letters, digits, '_' or '-').", $"{path}.tools"));
        }

        var criteria = List(task.AcceptanceCriteria, $"{path}.acceptance_criteria", PlanLimits.MaxAcceptanceCriteria, PlanLimits.MaxCriterionLength, problems);
        var dependsOn = List(task.DependsOn, $"{path}.depends_on", maxDependencies, PlanLimits.MaxKeyLength, problems);
        var priority = task.Priority ?? 0;
        if (priority is < PlanLimits.MinPriority or > PlanLimits.MaxPriority)
        {
            problems.Add(new("invalid_field", $"The priority {priority} is outside {PlanLimits.MinPriority}..{PlanLimits.MaxPriority}.", $"{path}.priority"));
        }

        var cost = task.EstimatedCostUsd ?? 0m;
        if (cost is < 0m or > PlanLimits.MaxEstimatedCostUsd)
        {
            problems.Add(new("invalid_field", $"The estimated cost {cost} USD is outside 0..{PlanLimits.MaxEstimatedCostUsd}.", $"{path}.estimated_cost_usd"));
        }

        if (task.TimeoutSeconds is < 1 or > PlanLimits.MaxTimeoutSeconds)
        {
            problems.Add(new("invalid_field", $"The timeout {task.TimeoutSeconds} s is outside 1..{PlanLimits.MaxTimeoutSeconds}.", $"{path}.timeout_seconds"));
        }

        if (task.MaxAttempts is < 1 or > PlanLimits.MaxAttempts)
        {
            problems.Add(new("invalid_field", $"The number of attempts {task.MaxAttempts} is outside 1..{PlanLimits.MaxAttempts}.", $"{path}.max_attempts"));
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new PlanTaskDefinition(
            key, title, description, kind, complexity, tier, tools, criteria, priority, dependsOn, Money.ToMicros(cost), task.TimeoutSeconds, task.MaxAttempts);
    }

    private static string Text(string? value, string path, int maxLength, bool required, List<PlanProblem> problems)
    {
        var text = value?.Trim() ?? string.Empty;
        if (required && text.Length == 0)
        {
            problems.Add(new("missing_field", "This field is required and must not be blank.", path));
        }
        else if (text.Length > maxLength)
        {
            problems.Add(new("invalid_field", $"This field is {text.Length:N0} characters long; at most {maxLength:N0} are allowed.", path));
        }
        else if (InputRules.UnsafeCharacter(text) is { } unsafeCharacter)
        {
            problems.Add(new("invalid_field", "This field " + unsafeCharacter, path));
        }

        return text;
    }

    private static List<string> List(List<string?>? values, string path, int maxCount, int maxLength, List<PlanProblem> problems)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > maxCount)
        {
            problems.Add(new("invalid_field", $"This list has {values.Count:N0} entries; at most {maxCount:N0} are allowed.", path));
            return [];
        }

        var result = new List<string>(values.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var text = Text(values[i], $"{path}[{i}]", maxLength, required: true, problems);
            if (text.Length > 0 && seen.Add(text))
            {
                result.Add(text);
            }
        }

        return result;
    }

    private static TEnum EnumValue<TEnum>(string? name, TEnum fallback, string path, List<PlanProblem> problems)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        // Exactly one member's name: Enum.TryParse would also take "code, test" or "+1".
        var match = Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return Enum.Parse<TEnum>(match);
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        problems.Add(new("invalid_field", $"'{Shorten(name)}' is not one of {allowed}.", path));
        return fallback;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string CodeOf(GraphProblemKind kind) => kind switch
    {
        GraphProblemKind.Empty => "empty",
        GraphProblemKind.TooManyTasks => "too_many_tasks",
        GraphProblemKind.MissingKey => "missing_key",
        GraphProblemKind.DuplicateKey => "duplicate_key",
        GraphProblemKind.SelfDependency => "self_dependency",
        GraphProblemKind.UnknownDependency => "unknown_dependency",
        GraphProblemKind.Cycle => "cycle",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
