namespace Orch.Core.Plans;

/// <summary>
/// Validates a task graph and, when it is sound, orders it. Runs in O(V + E) time with
/// arrays and explicit stacks: no recursion, so a 100,000-task chain cannot overflow the stack.
/// Every problem is reported at once, except that an empty graph or one over the task cap is
/// not examined further.
/// </summary>
public static class TaskGraph
{
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
            problems.Add(new(GraphProblemKind.DuplicateKey, $"The key '{key}' is used by more than one task.", [key]));
        }

        var edges = ResolveEdges(nodes, index, active, problems);
        var order = TopologicalOrder(edges, active, out var level);
        if (order.Count < edges.ActiveCount)
        {
            foreach (var cycle in FindCycles(nodes, edges, active, order))
            {
                problems.Add(new(GraphProblemKind.Cycle, $"Dependency cycle: {string.Join(" → ", cycle)} (each task depends on the next).", cycle));
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

    /// <summary>Dependencies and dependents as compressed adjacency arrays over node indices.</summary>
    private sealed record Edges(int[] DepStart, int[] Deps, int[] NextStart, int[] Next, int ActiveCount);

    private static Edges ResolveEdges(IReadOnlyList<GraphNode> nodes, Dictionary<string, int> index, bool[] active, List<GraphProblem> problems)
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
                    if (!unknown.Contains(dep ?? "(null)", StringComparer.Ordinal))
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
                problems.Add(new(GraphProblemKind.SelfDependency, $"Task '{node.Key}' depends on itself.", [node.Key]));
            }

            if (unknown is not null)
            {
                problems.Add(new(
                    GraphProblemKind.UnknownDependency,
                    $"Task '{node.Key}' depends on {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which no task has as its key.",
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

        return new Edges(depStart, [.. deps], nextStart, next, activeCount);
    }

    /// <summary>Kahn's algorithm. Also gives each task its level: one more than its deepest dependency.</summary>
    private static List<int> TopologicalOrder(Edges edges, bool[] active, out int[] level)
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

    /// <summary>
    /// The tasks Kahn's algorithm could not order are in a cycle or depend on one. Tarjan's
    /// algorithm (iterative) finds the strongly connected components among them; each one with
    /// two or more tasks holds a cycle, reported as a path found by breadth-first search.
    /// </summary>
    private static List<List<string>> FindCycles(IReadOnlyList<GraphNode> nodes, Edges edges, bool[] active, List<int> ordered)
    {
        var n = nodes.Count;
        var remaining = new bool[n];
        Array.Copy(active, remaining, n);
        foreach (var i in ordered)
        {
            remaining[i] = false;
        }

        var component = Tarjan(edges, remaining);
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (component[i] >= 0)
            {
                if (!members.TryGetValue(component[i], out var list))
                {
                    members[component[i]] = list = [];
                }

                list.Add(i);
            }
        }

        var cycles = new List<List<string>>();
        foreach (var list in members.Values.Where(m => m.Count > 1).OrderBy(m => m[0]))
        {
            cycles.Add([.. CyclePath(edges, component, list[0]).Select(i => nodes[i].Key)]);
        }

        return cycles;
    }

    private static int[] Tarjan(Edges edges, bool[] include)
    {
        var n = include.Length;
        var component = new int[n];
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(component, -1);
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var work = new Stack<(int Node, int Edge)>();
        var counter = 0;
        var components = 0;
        for (var root = 0; root < n; root++)
        {
            if (!include[root] || index[root] >= 0)
            {
                continue;
            }

            work.Push((root, edges.DepStart[root]));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e < edges.DepStart[v + 1])
                {
                    work.Push((v, e + 1));
                    var w = edges.Deps[e];
                    if (!include[w])
                    {
                        continue;
                    }

                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        work.Push((w, edges.DepStart[w]));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                // v is finished: hand its low-link to its parent, or close a component.
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }

                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = components;
                    }
                    while (w != v);
                    components++;
                }
            }
        }

        return component;
    }

    /// <summary>A shortest path from start back to itself along "depends on" edges, inside start's component.</summary>
    private static List<int> CyclePath(Edges edges, int[] component, int start)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            for (var e = edges.DepStart[v]; e < edges.DepStart[v + 1]; e++)
            {
                var w = edges.Deps[e];
                if (component[w] != component[start])
                {
                    continue;
                }

                if (w == start)
                {
                    var path = new List<int> { start };
                    for (var at = v; at != start; at = parent[at])
                    {
                        path.Add(at);
                    }

                    path.Add(start);
                    // Built backwards from the end; the walk from start follows "depends on" forwards.
                    path.Reverse(1, path.Count - 2);
                    return path;
                }

                if (parent.TryAdd(w, v))
                {
                    queue.Enqueue(w);
                }
            }
        }

        throw new InvalidOperationException("A strongly connected component without a cycle through its first member.");
    }

    private static (IReadOnlyList<string> Path, long Weight) CriticalPath(IReadOnlyList<GraphNode> nodes, Edges edges, List<int> order)
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
}
