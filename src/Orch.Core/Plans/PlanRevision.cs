namespace Orch.Core.Plans;

/// <summary>Edits to a plan, applied together to make its next version: tasks changed, added and removed.</summary>
public sealed record PlanRevision(
    IReadOnlyList<TaskEdit>? Edit = null,
    IReadOnlyList<PlanTaskDocument>? Add = null,
    IReadOnlyList<string>? Remove = null)
{
    /// <summary>True when the revision changes nothing: no edit, addition or removal.</summary>
    public bool IsEmpty => (Edit?.Count ?? 0) + (Add?.Count ?? 0) + (Remove?.Count ?? 0) == 0;

    /// <summary>Applies the edits to a plan's tasks. Names of unknown tasks are errors, never ignored.</summary>
    public PlanDocument ApplyTo(PlanDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tasks = (current.Tasks ?? []).OfType<PlanTaskDocument>().ToList();
        var byKey = tasks.Select((t, i) => (t.Key, i)).ToDictionary(x => x.Key!, x => x.i, StringComparer.Ordinal);
        if (IsEmpty)
        {
            throw new InvalidInputException("revision", "holds no edit, addition or removal.");
        }

        foreach (var edit in Edit ?? [])
        {
            if (edit.Key is null || !byKey.TryGetValue(edit.Key, out var at))
            {
                throw new InvalidInputException("edit", $"no task has the key '{TaskGraph.Shorten(edit.Key ?? "(null)")}'.");
            }

            // Orch estimates the cost again for the edited task.
            tasks[at] = tasks[at].Overlay(edit.ToDocument()) with { EstimatedCostUsd = null };
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Remove ?? [])
        {
            if (key is null || !byKey.ContainsKey(key))
            {
                throw new InvalidInputException("remove", $"no task has the key '{TaskGraph.Shorten(key ?? "(null)")}'.");
            }

            removed.Add(key);
        }

        // A removed task that others still depend on is caught by validation as an unknown dependency.
        return new PlanDocument
        {
            Summary = current.Summary,
            Tasks = [.. tasks.Where(t => !removed.Contains(t.Key!)), .. (Add ?? []).Select(a => (PlanTaskDocument?)a)],
        };
    }
}
