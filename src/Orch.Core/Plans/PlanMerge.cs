namespace Orch.Core.Plans;

/// <summary>
/// Applies a re-plan's answer to the current plan: a task with a known key replaces that task, a
/// new key is added, and a task leaves only when the answer names it under "remove" — never by
/// being left out. Unknown keys under "remove" are problems, not silently ignored.
/// </summary>
public static class PlanMerge
{
    public static PlanDocument Apply(PlanDocument current, PlanDocument changes)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        var tasks = (current.Tasks ?? []).OfType<PlanTaskDocument>().ToList();
        var index = tasks.Select((t, i) => (t.Key, i)).Where(x => x.Key is not null).ToDictionary(x => x.Key!, x => x.i, StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in (changes.Remove ?? []).OfType<string>())
        {
            if (!index.ContainsKey(key))
            {
                throw new PlanValidationException([new("unknown_task", $"The answer removes '{TaskGraph.Shorten(key)}', which is not a task of the plan.", "remove")]);
            }

            removed.Add(key);
        }

        foreach (var change in (changes.Tasks ?? []).OfType<PlanTaskDocument>())
        {
            if (change.Key is not null && index.TryGetValue(change.Key, out var at))
            {
                // Field by field: what the answer leaves out of a known task stays as it was.
                var old = tasks[at];
                tasks[at] = old with
                {
                    Title = change.Title ?? old.Title,
                    Description = change.Description ?? old.Description,
                    Kind = change.Kind ?? old.Kind,
                    Complexity = change.Complexity ?? old.Complexity,
                    Tier = change.Tier ?? old.Tier,
                    Tools = change.Tools ?? old.Tools,
                    AcceptanceCriteria = change.AcceptanceCriteria ?? old.AcceptanceCriteria,
                    Priority = change.Priority ?? old.Priority,
                    DependsOn = change.DependsOn ?? old.DependsOn,
                    EstimatedCostUsd = change.EstimatedCostUsd ?? old.EstimatedCostUsd,
                    TimeoutSeconds = change.TimeoutSeconds ?? old.TimeoutSeconds,
                    MaxAttempts = change.MaxAttempts ?? old.MaxAttempts,
                };
            }
            else
            {
                tasks.Add(change);
            }
        }

        return new PlanDocument
        {
            Summary = changes.Summary ?? current.Summary,
            Tasks = [.. tasks.Where(t => t.Key is null || !removed.Contains(t.Key))],
        };
    }
}
