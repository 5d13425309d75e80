using System.Collections.Frozen;

namespace Orch.Core.Execution;

/// <summary>
/// Who depends on whom in one approved plan version, by task key. An approved version never
/// changes, so this is built once per plan and shared.
/// </summary>
public sealed class PlanGraph
{
    private readonly FrozenDictionary<string, string[]> dependents;
    private readonly FrozenDictionary<string, string[]> dependencies;

    public PlanGraph(Guid planId, IEnumerable<(string Key, IReadOnlyList<string> DependsOn)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        PlanId = planId;
        var deps = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var back = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, dependsOn) in tasks)
        {
            deps[key] = [.. dependsOn];
            foreach (var dependency in dependsOn)
            {
                if (!back.TryGetValue(dependency, out var list))
                {
                    back[dependency] = list = [];
                }

                list.Add(key);
            }
        }

        dependencies = deps.ToFrozenDictionary(StringComparer.Ordinal);
        dependents = back.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    public Guid PlanId { get; }

    public IReadOnlyList<string> DependentsOf(string key) => dependents.TryGetValue(key, out var list) ? list : [];

    public IReadOnlyList<string> DependenciesOf(string key) => dependencies.TryGetValue(key, out var list) ? list : [];

    /// <summary>Every task that depends on <paramref name="key"/>, directly or not, nearest first.</summary>
    public IEnumerable<string> DownstreamOf(string key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(DependentsOf(key));
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            yield return next;
            foreach (var dependent in DependentsOf(next))
            {
                queue.Enqueue(dependent);
            }
        }
    }
}
