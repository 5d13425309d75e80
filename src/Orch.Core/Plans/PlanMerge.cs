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
                tasks[at] = tasks[at].Overlay(change);
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
