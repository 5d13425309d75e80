using System.Globalization;
using System.Text.RegularExpressions;
using Orch.Admin.Components.Graph;
using Orch.Core.Plans;

namespace Orch.Admin.Components.Plans;

/// <summary>
/// A person's unsaved edits to one plan version: the rows the review's grid shows, and the same edits as the
/// <see cref="PlanRevision"/> Core applies. The rows keep the order Core gives the revised plan (stored tasks in
/// plan order, then added ones), so that a problem Core reports by position lands on the right row.
/// </summary>
public sealed partial class PlanEdits
{
    private readonly List<TaskRow> rows;
    private readonly List<string> removed = [];
    private int added;

    public PlanEdits(PlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        rows = [.. plan.Tasks.Select(t => new TaskRow(t.Key, t, t.Key))];
    }

    /// <summary>The version the edits apply to.</summary>
    public PlanView Plan { get; }

    public IReadOnlyList<TaskRow> Rows => rows;

    /// <summary>The keys of stored tasks removed so far.</summary>
    public IReadOnlyList<string> Removed => removed;

    public bool IsDirty => Revision() is not null;

    /// <summary>Appends a new task with a free key (task-N), on the routing table's tier.</summary>
    public TaskRow Add()
    {
        added++;
        var taken = rows.Select(r => r.Key.Trim()).Concat(removed).ToHashSet(StringComparer.Ordinal);
        var number = rows.Count + 1;
        while (taken.Contains(NewKey(number)))
        {
            number++;
        }

        var row = new TaskRow($"new-{added}", null, NewKey(number));
        rows.Add(row);
        return row;
    }

    /// <summary>Drops a row; a stored task is removed by the revision, an added one simply goes.</summary>
    public void Remove(TaskRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (rows.Remove(row) && row.Original is { } original)
        {
            removed.Add(original.Key);
        }
    }

    /// <summary>The edits as Core takes them: only the fields that differ from the stored task; null when nothing does.</summary>
    public PlanRevision? Revision()
    {
        var edits = rows.Where(r => !r.IsNew).Select(Edit).OfType<TaskEdit>().ToList();
        var additions = rows.Where(r => r.IsNew).Select(Document).ToList();
        return edits.Count + additions.Count + removed.Count == 0 ? null : new PlanRevision(edits, additions, [.. removed]);
    }

    /// <summary>Where each problem of <paramref name="preview"/> goes: the rows and fields it names, else the plan.</summary>
    public PlanProblems Problems(PlanPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var byRow = new Dictionary<string, IReadOnlyList<RowProblem>>(StringComparer.Ordinal);
        var general = new List<string>();
        var all = new List<string>();
        foreach (var problem in preview.Validation.Problems)
        {
            var placed = Place(problem).Distinct().ToList();
            foreach (var (row, field) in placed)
            {
                byRow[row.Id] = [.. byRow.GetValueOrDefault(row.Id) ?? [], new RowProblem(field, problem.Message)];
            }

            string summary;
            if (placed.Count == 0)
            {
                summary = problem.Path is { } path ? $"{path}: {problem.Message}" : problem.Message;
                general.Add(summary);
            }
            else if (problem.Path is not null)
            {
                // A field's message ("This field is required…") says nothing of where: the summary adds the task and field.
                summary = $"{Shown(placed[0].Row.Key.Trim())} · {placed[0].Field}: {problem.Message}";
            }
            else
            {
                summary = problem.Message;
            }

            all.Add(summary);
        }

        return new PlanProblems(byRow, general, all);
    }

    /// <summary>
    /// The proposal as the graph draws it, each box coloured by its tier: the forecast's (which shows the routing
    /// table's choice for a task left to it) when there is one, else the row's own.
    /// </summary>
    public IReadOnlyList<GraphTask> GraphTasks(PlanForecast? forecast)
    {
        var tiers = (forecast?.Tasks ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Tier, StringComparer.Ordinal);
        return [.. rows.Select(r =>
        {
            var key = Shown(r.Key.Trim());
            var tier = tiers.GetValueOrDefault(r.Key.Trim()) ?? r.Tier ?? "routed";
            return new GraphTask(key, r.Title.Trim().Length == 0 ? "(no title)" : r.Title.Trim(), [.. r.DependsOn], tier);
        })];
    }

    private static string NewKey(int number) => "task-" + number.ToString(CultureInfo.InvariantCulture);

    private static string Shown(string key) => key.Length == 0 ? "(no key)" : key;

    private static TaskEdit? Edit(TaskRow row)
    {
        var task = row.Original!;
        // Surrounding spaces are no change: Core trims every text.
        static string? Changed(string now, string was) => string.Equals(now.Trim(), was, StringComparison.Ordinal) ? null : now;
        var title = Changed(row.Title, task.Title);
        var description = Changed(row.Description, task.Description);
        var kind = Changed(row.Kind, TaskRow.Name(task.Kind));
        var complexity = Changed(row.Complexity, TaskRow.Name(task.Complexity));
        var tier = row.Tier is { } chosen && !string.Equals(chosen, task.Tier, StringComparison.OrdinalIgnoreCase) ? chosen : null;
        var dependencies = row.DependsOn.ToList();
        IReadOnlyList<string>? dependsOn = dependencies.Count == task.DependsOn.Count && dependencies.ToHashSet(StringComparer.Ordinal).SetEquals(task.DependsOn) ? null : dependencies;
        var criteria = row.CriteriaList();
        IReadOnlyList<string>? acceptance = criteria.SequenceEqual(task.AcceptanceCriteria, StringComparer.Ordinal) ? null : criteria;
        return title is null && description is null && kind is null && complexity is null && tier is null && dependsOn is null && acceptance is null
            ? null
            : new TaskEdit(task.Key, title, description, kind, complexity, tier, dependsOn, AcceptanceCriteria: acceptance);
    }

    private static PlanTaskDocument Document(TaskRow row) => new()
    {
        Key = row.Key,
        Title = row.Title,
        Description = row.Description.Trim().Length == 0 ? null : row.Description,
        Kind = row.Kind,
        Complexity = row.Complexity,
        Tier = row.Tier,
        DependsOn = [.. row.DependsOn],
        AcceptanceCriteria = [.. row.CriteriaList()],
    };

    private IEnumerable<(TaskRow Row, string Field)> Place(PlanProblem problem)
    {
        // A field's problem names the task by its position in the revised plan: the rows' own order.
        if (problem.Path is { } path)
        {
            var match = TaskPath().Match(path);
            if (match.Success && int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < rows.Count)
            {
                yield return (rows[index], match.Groups["field"].Success ? match.Groups["field"].Value : "task");
            }

            yield break;
        }

        // A graph problem names tasks by key: a cycle and a shared key every task in them, a bad dependency its dependent.
        var field = problem.Code switch
        {
            "duplicate_key" => "key",
            "cycle" or "unknown_dependency" or "self_dependency" => "depends_on",
            _ => null,
        };
        if (field is null || problem.Keys is not { Count: > 0 } keys)
        {
            yield break;
        }

        var named = problem.Code is "cycle" or "duplicate_key" ? keys.Distinct(StringComparer.Ordinal) : keys.Take(1);
        foreach (var key in named)
        {
            foreach (var row in rows.Where(r => string.Equals(r.Key.Trim(), key, StringComparison.Ordinal)))
            {
                yield return (row, field);
            }
        }
    }

    [GeneratedRegex(@"^tasks\[(?<index>\d{1,9})\](\.(?<field>[a-z_]+))?")]
    private static partial Regex TaskPath();
}
