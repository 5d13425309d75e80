using System.Globalization;

namespace Orch.Core.Plans;

/// <summary>
/// Turns a workflow's <see cref="WorkflowNode"/>s into a <see cref="PlanDocument"/>, strictly: a
/// field that does not exist or a value of the wrong type is a <see cref="WorkflowProblem"/> at its
/// line and column. It collects problems (up to a bound) and throws them together. What the values
/// mean (required fields, limits, the graph) is left to <see cref="PlanValidator"/>, as for any plan.
/// </summary>
internal sealed class WorkflowBinder
{
    private const int MaxProblems = 50;

    private readonly List<WorkflowProblem> problems = [];

    public static PlanDocument Bind(WorkflowNode root)
    {
        var binder = new WorkflowBinder();
        var document = binder.Workflow(root);
        return binder.problems.Count == 0 ? document : throw binder.Failure();
    }

    private PlanDocument Workflow(WorkflowNode root)
    {
        if (root is not WorkflowMapping mapping)
        {
            Problem(root, null, $"a workflow is a mapping of fields (summary, tasks) with a list of tasks, not {root.Describe()}.");
            return new PlanDocument();
        }

        var fields = Fields(mapping, WorkflowFields.Workflow, string.Empty, "the workflow");
        var summary = Text(fields, WorkflowFields.Summary, string.Empty);
        var name = Text(fields, WorkflowFields.Name, string.Empty);
        if (fields.ContainsKey(WorkflowFields.Summary) && fields.TryGetValue(WorkflowFields.Name, out var both))
        {
            Problem(both, WorkflowFields.Name, "'name' is another spelling of 'summary'; give one of them.");
        }

        return new PlanDocument { Summary = summary ?? name, Tasks = Tasks(fields.GetValueOrDefault(WorkflowFields.Tasks)) };
    }

    private List<PlanTaskDocument?>? Tasks(WorkflowNode? node)
    {
        if (node is null or WorkflowScalar { Kind: WorkflowScalarKind.Null })
        {
            return null;
        }

        if (node is not WorkflowSequence list)
        {
            Problem(node, WorkflowFields.Tasks, $"expected a list of tasks, found {node.Describe()}.");
            return null;
        }

        var tasks = new List<PlanTaskDocument?>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            tasks.Add(Task(list.Items[i], $"{WorkflowFields.Tasks}[{i}]"));
        }

        return tasks;
    }

    private PlanTaskDocument? Task(WorkflowNode node, string path)
    {
        if (node is WorkflowScalar { Kind: WorkflowScalarKind.Null })
        {
            return null; // Kept, so that the validator reports the empty task in its place.
        }

        if (node is not WorkflowMapping mapping)
        {
            Problem(node, path, $"a task is a mapping of fields (key, title, …), not {node.Describe()}.");
            return null;
        }

        var fields = Fields(mapping, WorkflowFields.Task, path + ".", "a task");
        return new PlanTaskDocument
        {
            Key = Text(fields, WorkflowFields.Key, path),
            Title = Text(fields, WorkflowFields.Title, path),
            Description = Text(fields, WorkflowFields.Description, path),
            Kind = Text(fields, WorkflowFields.Kind, path),
            Complexity = Text(fields, WorkflowFields.Complexity, path),
            Tier = Text(fields, WorkflowFields.Tier, path),
            Tools = TextList(fields, WorkflowFields.Tools, path),
            AcceptanceCriteria = TextList(fields, WorkflowFields.AcceptanceCriteria, path),
            Priority = WholeNumber(fields, WorkflowFields.Priority, path),
            DependsOn = TextList(fields, WorkflowFields.DependsOn, path),
            EstimatedCostUsd = Number(fields, WorkflowFields.EstimatedCostUsd, path),
            TimeoutSeconds = WholeNumber(fields, WorkflowFields.TimeoutSeconds, path),
            MaxAttempts = WholeNumber(fields, WorkflowFields.MaxAttempts, path),
        };
    }

    /// <summary>The known fields of a mapping by name; every other field is a problem at its name.</summary>
    private Dictionary<string, WorkflowNode> Fields(WorkflowMapping mapping, IReadOnlyList<string> known, string prefix, string owner)
    {
        var fields = new Dictionary<string, WorkflowNode>(StringComparer.Ordinal);
        foreach (var (name, value) in mapping.Entries)
        {
            var text = name.Value ?? string.Empty;
            if (known.Contains(text, StringComparer.Ordinal))
            {
                fields[text] = value;
                continue;
            }

            var shown = WorkflowScalar.Shorten(text);
            var suggestion = WorkflowFields.Suggest(text, known);
            var hint = text == "<<"
                ? "YAML merge keys are not supported; write the fields out."
                : suggestion is not null
                    ? $"did you mean '{suggestion}'?"
                    : $"the fields are {string.Join(", ", known)}.";
            Problem(name, prefix + shown, $"{owner} has no field '{shown}'; {hint}");
        }

        return fields;
    }

    /// <summary>Unquoted YAML is text too (<c>title: 2025 report</c>); JSON numbers and booleans are not.</summary>
    private string? Text(Dictionary<string, WorkflowNode> fields, string field, string path)
    {
        if (!fields.TryGetValue(field, out var node))
        {
            return null;
        }

        var at = Join(path, field);
        return node switch
        {
            WorkflowScalar { Kind: WorkflowScalarKind.Text or WorkflowScalarKind.Plain } scalar => scalar.Value,
            WorkflowScalar { Kind: WorkflowScalarKind.Null } => null,
            _ => Mismatch<string>(node, at, "text"),
        };
    }

    private List<string?>? TextList(Dictionary<string, WorkflowNode> fields, string field, string path)
    {
        if (!fields.TryGetValue(field, out var node) || node is WorkflowScalar { Kind: WorkflowScalarKind.Null })
        {
            return null;
        }

        var at = Join(path, field);
        if (node is not WorkflowSequence list)
        {
            var example = node is WorkflowScalar { Kind: WorkflowScalarKind.Plain or WorkflowScalarKind.Text } one ? $" such as [{WorkflowScalar.Shorten(one.Value)}]" : string.Empty;
            return Mismatch<List<string?>>(node, at, $"a list{example}");
        }

        var values = new List<string?>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            values.Add(list.Items[i] switch
            {
                WorkflowScalar { Kind: WorkflowScalarKind.Text or WorkflowScalarKind.Plain } scalar => scalar.Value,
                WorkflowScalar { Kind: WorkflowScalarKind.Null } => null, // the validator reports blank entries
                var other => Mismatch<string>(other, $"{at}[{i}]", "text"),
            });
        }

        return values;
    }

    private int? WholeNumber(Dictionary<string, WorkflowNode> fields, string field, string path)
    {
        var (digits, node, at) = NumberText(fields, field, path);
        if (digits is null)
        {
            return null;
        }

        if (int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var tooLarge = decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number);
        if (tooLarge)
        {
            Problem(node!, at, $"the number {WorkflowScalar.Shorten(digits)} is too large for this field.");
            return null;
        }

        return Mismatch<int?>(node!, at, "a whole number");
    }

    private decimal? Number(Dictionary<string, WorkflowNode> fields, string field, string path)
    {
        var (digits, node, at) = NumberText(fields, field, path);
        if (digits is null)
        {
            return null;
        }

        return decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : Mismatch<decimal?>(node!, at, "a number such as 0.25");
    }

    /// <summary>The digits of a JSON number or an unquoted YAML scalar; quoted text is not a number.</summary>
    private (string? Digits, WorkflowNode? Node, string Path) NumberText(Dictionary<string, WorkflowNode> fields, string field, string path)
    {
        var at = Join(path, field);
        if (!fields.TryGetValue(field, out var node))
        {
            return (null, null, at);
        }

        return node switch
        {
            WorkflowScalar { Kind: WorkflowScalarKind.Number or WorkflowScalarKind.Plain } scalar => (scalar.Value, node, at),
            WorkflowScalar { Kind: WorkflowScalarKind.Null } => (null, node, at),
            _ => (Mismatch<string>(node, at, field == WorkflowFields.EstimatedCostUsd ? "a number" : "a whole number"), node, at),
        };
    }

    private T? Mismatch<T>(WorkflowNode node, string path, string expected)
    {
        Problem(node, path, $"expected {expected}, found {node.Describe()}.");
        return default;
    }

    private void Problem(WorkflowNode at, string? path, string message)
    {
        problems.Add(new WorkflowProblem(message, at.Line, at.Column, path));
        if (problems.Count >= MaxProblems)
        {
            // Enough to act on; stops the work (and the suggestions) that a file of nothing but mistakes would cause.
            throw Failure();
        }
    }

    /// <summary>All problems in the order of the text (fields are checked before their values).</summary>
    private WorkflowFormatException Failure() => new([.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";
}
