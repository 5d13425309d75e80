namespace Orch.Admin.Components.Graph;

/// <summary>
/// Where each task of a plan goes in a left-to-right drawing: a task's column is the length of the longest chain
/// of dependencies before it, so every arrow points right; within a column, tasks sit near the tasks they wait
/// for (one barycentre pass), which keeps most arrows short. Unknown dependencies are not drawn, and a cycle
/// (possible in a draft being edited) is cut where it closes, so a broken plan still draws.
/// </summary>
public sealed class GraphLayout
{
    public const double NodeWidth = 168;
    public const double NodeHeight = 40;
    public const double ColumnGap = 56;
    public const double RowGap = 14;
    public const double Margin = 8;

    private GraphLayout(IReadOnlyList<GraphPlacement> nodes, IReadOnlyList<GraphEdge> edges, double width, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<GraphPlacement> Nodes { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    public double Width { get; }

    public double Height { get; }

    public static GraphLayout Of(IReadOnlyList<GraphTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var byKey = new Dictionary<string, GraphTask>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            byKey.TryAdd(task.Key, task);
        }

        var column = Columns(byKey);
        var columns = new List<List<GraphTask>>();
        foreach (var task in byKey.Values)
        {
            var c = column[task.Key];
            while (columns.Count <= c)
            {
                columns.Add([]);
            }

            columns[c].Add(task);
        }

        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var members in columns)
        {
            // Near the tasks waited for: order by their mean row, ties (and roots) in the plan's own order.
            var ordered = members
                .Select((task, index) => (task, index, at: MeanRow(task, row) ?? index))
                .OrderBy(m => m.at)
                .ThenBy(m => m.index)
                .Select(m => m.task)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                row[ordered[i].Key] = i;
            }
        }

        var nodes = byKey.Values
            .Select(task => new GraphPlacement(task, Margin + (column[task.Key] * (NodeWidth + ColumnGap)), Margin + (row[task.Key] * (NodeHeight + RowGap))))
            .ToList();
        var at = nodes.ToDictionary(n => n.Task.Key, StringComparer.Ordinal);
        var edges = new List<GraphEdge>();
        foreach (var node in nodes)
        {
            foreach (var dependency in node.Task.DependsOn.Distinct(StringComparer.Ordinal))
            {
                // An arrow only forward: an unknown key, or the edge that closed a cycle, is left out.
                if (at.TryGetValue(dependency, out var from) && from.X < node.X)
                {
                    edges.Add(new GraphEdge(dependency, node.Task.Key, from.X + NodeWidth, from.Y + (NodeHeight / 2), node.X, node.Y + (NodeHeight / 2)));
                }
            }
        }

        var tallest = columns.Count == 0 ? 0 : columns.Max(c => c.Count);
        var width = (2 * Margin) + (columns.Count * NodeWidth) + (Math.Max(0, columns.Count - 1) * ColumnGap);
        var height = (2 * Margin) + (tallest * NodeHeight) + (Math.Max(0, tallest - 1) * RowGap);
        return new GraphLayout(nodes, edges, width, height);
    }

    private static double? MeanRow(GraphTask task, Dictionary<string, double> row)
    {
        var placed = task.DependsOn.Where(row.ContainsKey).Select(d => row[d]).ToList();
        return placed.Count == 0 ? null : placed.Average();
    }

    /// <summary>The longest chain before each task, found depth-first without recursion (plans go to thousands of tasks).</summary>
    private static Dictionary<string, int> Columns(Dictionary<string, GraphTask> byKey)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in byKey.Keys)
        {
            if (column.ContainsKey(start))
            {
                continue;
            }

            var stack = new Stack<(string Key, int Next)>();
            stack.Push((start, 0));
            onPath.Add(start);
            while (stack.Count > 0)
            {
                var (key, next) = stack.Pop();
                var dependsOn = byKey[key].DependsOn;
                if (next < dependsOn.Count)
                {
                    stack.Push((key, next + 1));
                    var dependency = dependsOn[next];
                    if (byKey.ContainsKey(dependency) && !column.ContainsKey(dependency) && onPath.Add(dependency))
                    {
                        stack.Push((dependency, 0));
                    }

                    continue;
                }

                // Every dependency is placed, or unknown, or on the current path (a cycle, cut here).
                column[key] = dependsOn.Where(column.ContainsKey).Select(d => column[d] + 1).DefaultIfEmpty(0).Max();
                onPath.Remove(key);
            }
        }

        return column;
    }
}
