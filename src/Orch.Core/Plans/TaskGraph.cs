namespace Orch.Core.Plans;

/// <summary>
/// Validates a task graph and, when it is sound, orders it. Runs in O(V + E) time with
/// arrays and explicit stacks: no recursion, so a 100,000-task chain cannot overflow the stack.
/// Every problem is reported at once, except that an empty graph or one over the task cap is
/// not examined further.
/// </summary>
public static class TaskGraph
{
    private const int MaxListed = 10;
    private const int MaxKeyInMessage = 64;

    public static GraphAnalysis Analyze(IReadOnlyList<GraphNode> nodes, int maxTasks)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return GraphAnalysis.Invalid([new(GraphProblemKind.Empty, "The plan has no tasks.", [])]);
        }

        if (nodes.Count > maxTasks)
        {
            // Not examined further: the cap exists to bound the work done on hostile input.
            return GraphAnalysis.Invalid([new(GraphProblemKind.TooManyTasks, $"The plan has {nodes.Count} tasks; at most {maxTasks} are allowed.", [])]);
        }

        var problems = new List<GraphProblem>();
        var n = nodes.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var active = new bool[n];
        var duplicates = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var key = nodes[i].Key;
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add(new(GraphProblemKind.MissingKey, $"Task #{i + 1} has no key.", []));
            }
            else if (!index.TryAdd(key, i))
            {
                duplicates.Add(key);
            }
            else
            {
                active[i] = true;
            }
        }

        foreach (var key in duplicates.Distinct(StringComparer.Ordinal))
        {
            problems.Add(new(GraphProblemKind.DuplicateKey, $"The key '{Shorten(key)}' is used by more than one task.", [key]));
        }

        var edges = ResolveEdges(nodes, index, active, problems);
        var order = TopologicalOrder(edges, active, out var level);
        if (order.Count < edges.ActiveCount)
        {
            foreach (var cycle in GraphCycles.Find(nodes, edges, active, order))
            {
                problems.Add(new(GraphProblemKind.Cycle, $"Dependency cycle: {string.Join(" → ", cycle.Select(Shorten))} (each task depends on the next).", cycle));
            }
        }

        if (problems.Count > 0)
        {
            return GraphAnalysis.Invalid(problems);
        }

        var (criticalPath, weight) = CriticalPath(nodes, edges, order);
        return new GraphAnalysis(
            [],
            [.. order.Select(i => nodes[i].Key)],
            GroupLevels(nodes, level),
            criticalPath,
            weight);
    }

    private static GraphEdges ResolveEdges(IReadOnlyList<GraphNode> nodes, Dictionary<string, int> index, bool[] active, List<GraphProblem> problems)
    {
        var n = nodes.Count;
        var depStart = new int[n + 1];
        var deps = new List<int>(n * 3);
        var seen = new int[n];
        var outDegree = new int[n];
        var activeCount = 0;
        for (var i = 0; i < n; i++)
        {
            depStart[i] = deps.Count;
            if (!active[i])
            {
                continue;
            }

            activeCount++;
            var node = nodes[i];
            List<string>? unknown = null;
            HashSet<string>? unknownSeen = null;
            var selfDependent = false;
            foreach (var dep in node.DependsOn ?? [])
            {
                if (string.Equals(dep, node.Key, StringComparison.Ordinal))
                {
                    selfDependent = true;
                }
                else if (dep is null || !index.TryGetValue(dep, out var j))
                {
                    unknown ??= [];
                    unknownSeen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (unknownSeen.Add(dep ?? "(null)"))
                    {
                        unknown.Add(dep ?? "(null)");
                    }
                }
                else if (seen[j] != i + 1)
                {
                    // A dependency named twice counts once.
                    seen[j] = i + 1;
                    deps.Add(j);
                    outDegree[j]++;
                }
            }

            if (selfDependent)
            {
                problems.Add(new(GraphProblemKind.SelfDependency, $"Task '{Shorten(node.Key)}' depends on itself.", [node.Key]));
            }

            if (unknown is not null)
            {
                problems.Add(new(
                    GraphProblemKind.UnknownDependency,
                    $"Task '{Shorten(node.Key)}' depends on {string.Join(", ", unknown.Take(MaxListed).Select(u => $"'{Shorten(u)}'"))}{(unknown.Count > MaxListed ? $" and {unknown.Count - MaxListed} more" : string.Empty)}, which no task has as its key.",
                    [node.Key, .. unknown]));
            }
        }

        depStart[n] = deps.Count;

        // Invert: for each task, the tasks that depend on it.
        var nextStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            nextStart[i + 1] = nextStart[i] + outDegree[i];
        }

        var fill = (int[])nextStart.Clone();
        var next = new int[deps.Count];
        for (var i = 0; i < n; i++)
        {
            for (var e = depStart[i]; e < depStart[i + 1]; e++)
            {
                next[fill[deps[e]]++] = i;
            }
        }

        return new GraphEdges(depStart, [.. deps], nextStart, next, activeCount);
    }

    /// <summary>Kahn's algorithm. Also gives each task its level: one more than its deepest dependency.</summary>
    private static List<int> TopologicalOrder(GraphEdges edges, bool[] active, out int[] level)
    {
        var n = active.Length;
        var pending = new int[n];
        level = new int[n];
        var order = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            pending[i] = edges.DepStart[i + 1] - edges.DepStart[i];
            if (active[i] && pending[i] == 0)
            {
                order.Add(i);
            }
        }

        // The order list doubles as the queue.
        for (var head = 0; head < order.Count; head++)
        {
            var u = order[head];
            for (var e = edges.NextStart[u]; e < edges.NextStart[u + 1]; e++)
            {
                var v = edges.Next[e];
                level[v] = Math.Max(level[v], level[u] + 1);
                if (--pending[v] == 0)
                {
                    order.Add(v);
                }
            }
        }

        return order;
    }

    private static (IReadOnlyList<string> Path, long Weight) CriticalPath(IReadOnlyList<GraphNode> nodes, GraphEdges edges, List<int> order)
    {
        var n = nodes.Count;
        var best = new long[n];
        var via = new int[n];
        var end = -1;
        foreach (var v in order)
        {
            via[v] = -1;
            var before = 0L;
            for (var e = edges.DepStart[v]; e < edges.DepStart[v + 1]; e++)
            {
                var u = edges.Deps[e];
                if (best[u] > before)
                {
                    before = best[u];
                    via[v] = u;
                }
            }

            best[v] = before + Math.Max(0, nodes[v].Weight);
            if (end < 0 || best[v] > best[end])
            {
                end = v;
            }
        }

        var path = new List<string>();
        for (var at = end; at >= 0; at = via[at])
        {
            path.Add(nodes[at].Key);
        }

        path.Reverse();
        return (path, end < 0 ? 0 : best[end]);
    }

    private static List<IReadOnlyList<string>> GroupLevels(IReadOnlyList<GraphNode> nodes, int[] level)
    {
        var depth = level.Length == 0 ? 0 : level.Max() + 1;
        var levels = new List<string>[depth];
        for (var l = 0; l < depth; l++)
        {
            levels[l] = [];
        }

        // Plan order within a level, so that the same plan always gives the same waves.
        for (var i = 0; i < nodes.Count; i++)
        {
            levels[level[i]].Add(nodes[i].Key);
        }

        return [.. levels];
    }

    /// <summary>Keys in messages are cut short: a hostile plan must not make a megabyte error.</summary>
    internal static string Shorten(string key) => key.Length <= MaxKeyInMessage ? key : key[..MaxKeyInMessage] + "…";
}
