using System.Text;
using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>A random task graph as an adjacency matrix: Edge[task, dep] when task depends on dep.</summary>
internal sealed class RandomGraph
{
    private static readonly double[] Densities = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0];

    private readonly Dictionary<string, int> index;
    private bool[,]? reach;

    private RandomGraph(int seed, string[] keys, bool[,] edge, long[] weights, GraphNode[] nodes)
    {
        Seed = seed;
        Keys = keys;
        Edge = edge;
        Weights = weights;
        Nodes = nodes;
        index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
    }

    public int Seed { get; }

    public string[] Keys { get; }

    public bool[,] Edge { get; }

    public long[] Weights { get; }

    public GraphNode[] Nodes { get; }

    public int Size => Keys.Length;

    public int EdgeCount => Edge.Cast<bool>().Count(e => e);

    public static RandomGraph Create(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(1, 13);
        var density = Densities[random.Next(Densities.Length)];

        // Shape: 0 any directed graph; 1 acyclic by construction; 2 acyclic plus a few stray edges.
        var shape = random.Next(3);
        var rank = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var edge = new bool[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a != b && random.NextDouble() < density && (shape == 0 || rank[a] > rank[b]))
                {
                    edge[a, b] = true;
                }
            }
        }

        if (shape == 2 && n > 1)
        {
            for (var extra = random.Next(1, 3); extra > 0; extra--)
            {
                var a = random.Next(n);
                var b = random.Next(n);
                if (a != b)
                {
                    edge[a, b] = true;
                }
            }
        }

        var keys = Enumerable.Range(0, n).Select(i => $"k{i}").ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (long)random.Next(0, 10)).ToArray();
        var nodes = new GraphNode[n];
        for (var a = 0; a < n; a++)
        {
            var deps = new List<string>();
            for (var b = 0; b < n; b++)
            {
                if (edge[a, b])
                {
                    deps.Add(keys[b]);

                    // Now and then a dependency is named twice; it must count once.
                    if (random.Next(10) == 0)
                    {
                        deps.Add(keys[b]);
                    }
                }
            }

            nodes[a] = new GraphNode(keys[a], [.. deps.OrderBy(_ => random.Next())], weights[a]);
        }

        // The list order is shuffled too, so plan order and key order differ.
        var listed = nodes.OrderBy(_ => random.Next()).ToArray();
        return new RandomGraph(seed, keys, edge, weights, listed);
    }

    public int IndexOf(string key) => index[key];

    public bool HasCycle()
    {
        var r = Reach();
        return Enumerable.Range(0, Size).Any(v => r[v, v]);
    }

    /// <summary>Nodes on a cycle are grouped by mutual reachability; a component is named by its smallest member.</summary>
    public int ComponentOf(int v)
    {
        var r = Reach();
        return Enumerable.Range(0, Size).First(u => u == v || (r[u, v] && r[v, u]));
    }

    public int CyclicComponentCount()
    {
        var r = Reach();
        return Enumerable.Range(0, Size).Where(v => r[v, v]).Select(ComponentOf).Distinct().Count();
    }

    /// <summary>The heaviest path by memoised search over "depends on" edges; only for acyclic graphs.</summary>
    public long LongestPathWeight()
    {
        var memo = new long?[Size];
        long Best(int v)
        {
            if (memo[v] is { } known)
            {
                return known;
            }

            var before = 0L;
            for (var dep = 0; dep < Size; dep++)
            {
                if (Edge[v, dep])
                {
                    before = Math.Max(before, Best(dep));
                }
            }

            memo[v] = before + Weights[v];
            return memo[v]!.Value;
        }

        return Enumerable.Range(0, Size).Max(Best);
    }

    public override string ToString()
    {
        var text = new StringBuilder($"graph (seed {Seed}, {Size} tasks, listed in this order):");
        foreach (var node in Nodes)
        {
            text.Append(Environment.NewLine)
                .Append($"  {node.Key} (weight {node.Weight}) depends on [{string.Join(", ", node.DependsOn)}]");
        }

        return text.ToString();
    }

    /// <summary>Floyd–Warshall transitive closure: reach[u, v] when u depends on v through one or more edges.</summary>
    private bool[,] Reach()
    {
        if (reach is not null)
        {
            return reach;
        }

        var n = Size;
        var r = (bool[,])Edge.Clone();
        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                if (!r[i, k])
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    r[i, j] |= r[k, j];
                }
            }
        }

        return reach = r;
    }
}
