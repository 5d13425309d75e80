namespace Orch.Core.Plans;

/// <summary>Finds the dependency cycles among the tasks a topological sort could not order.</summary>
internal static class GraphCycles
{
    /// <summary>
    /// The tasks Kahn's algorithm could not order are in a cycle or depend on one. Tarjan's
    /// algorithm (iterative) finds the strongly connected components among them; each one with
    /// two or more tasks holds a cycle, reported as a path found by breadth-first search.
    /// </summary>
    public static List<List<string>> Find(IReadOnlyList<GraphNode> nodes, GraphEdges edges, bool[] active, List<int> ordered)
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

    private static int[] Tarjan(GraphEdges edges, bool[] include)
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
    private static List<int> CyclePath(GraphEdges edges, int[] component, int start)
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
}
