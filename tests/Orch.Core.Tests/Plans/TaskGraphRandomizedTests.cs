using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>
/// Checks <see cref="TaskGraph"/> against brute force on many small random graphs: reachability
/// by Floyd–Warshall decides whether there is a cycle, and a memoised search gives the longest path.
/// Seeded, so a failure names a graph that can be replayed.
/// </summary>
public sealed class TaskGraphRandomizedTests
{
    private const int Batches = 20;
    private const int GraphsPerBatch = 100;

    public static TheoryData<int> BatchNumbers()
    {
        var data = new TheoryData<int>();
        for (var batch = 0; batch < Batches; batch++)
        {
            data.Add(batch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BatchNumbers))]
    public void Analyze_AgreesWithBruteForce_OnRandomGraphs(int batch)
    {
        var failures = new List<string>();
        for (var i = 0; i < GraphsPerBatch; i++)
        {
            var seed = (batch * GraphsPerBatch) + i;
            var graph = RandomGraph.Create(seed);
            try
            {
                Check(graph);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException or InvalidOperationException or KeyNotFoundException)
            {
                failures.Add($"seed {seed}: {ex.Message}{Environment.NewLine}{graph}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
    }

    [Fact]
    public void RandomGraphs_CoverBothAcyclicAndCyclicGraphs()
    {
        // Guards the generator: a check that only ever sees one verdict proves little.
        var graphs = Enumerable.Range(0, Batches * GraphsPerBatch).Select(RandomGraph.Create).ToList();

        var cyclic = graphs.Count(g => g.HasCycle());
        Assert.InRange(cyclic, 300, graphs.Count - 300);
        Assert.Contains(graphs, g => g.Size == 1);
        Assert.Contains(graphs, g => g.Size == 12);
        Assert.Contains(graphs, g => g.Size >= 6 && !g.HasCycle() && g.EdgeCount >= g.Size);
    }

    private static void Check(RandomGraph graph)
    {
        var analysis = TaskGraph.Analyze(graph.Nodes, maxTasks: 100);
        Assert.All(analysis.Problems, p => Assert.Equal(GraphProblemKind.Cycle, p.Kind));
        var cycles = analysis.Problems.Select(p => p.Keys).ToList();
        Assert.True(
            graph.HasCycle() == (cycles.Count > 0),
            $"Brute force says cycle: {graph.HasCycle()}; the analysis reported {cycles.Count} cycle(s).");
        if (cycles.Count > 0)
        {
            CheckCycles(graph, cycles);
        }
        else
        {
            CheckOrder(graph, analysis);
        }
    }

    private static void CheckCycles(RandomGraph graph, List<IReadOnlyList<string>> cycles)
    {
        // One cycle per strongly connected component that holds one; no self-loops are generated.
        var components = new HashSet<int>();
        foreach (var path in cycles)
        {
            Assert.True(path.Count >= 3, $"Cycle too short: {string.Join(" → ", path)}");
            Assert.Equal(path[0], path[^1]);
            for (var s = 0; s + 1 < path.Count; s++)
            {
                var from = graph.IndexOf(path[s]);
                var to = graph.IndexOf(path[s + 1]);
                Assert.True(graph.Edge[from, to], $"'{path[s]}' does not depend on '{path[s + 1]}' in reported cycle {string.Join(" → ", path)}.");
            }

            Assert.True(components.Add(graph.ComponentOf(graph.IndexOf(path[0]))), $"Two cycles reported for one component: {string.Join(" → ", path)}.");
        }

        Assert.Equal(graph.CyclicComponentCount(), cycles.Count);
    }

    private static void CheckOrder(RandomGraph graph, GraphAnalysis analysis)
    {
        var n = graph.Size;
        Assert.Equal(graph.Keys.Order(StringComparer.Ordinal), analysis.Order.Order(StringComparer.Ordinal));
        var position = new int[n];
        for (var p = 0; p < n; p++)
        {
            position[graph.IndexOf(analysis.Order[p])] = p;
        }

        var level = new int[n];
        Array.Fill(level, -1);
        for (var l = 0; l < analysis.Levels.Count; l++)
        {
            Assert.NotEmpty(analysis.Levels[l]);
            foreach (var key in analysis.Levels[l])
            {
                var v = graph.IndexOf(key);
                Assert.True(level[v] < 0, $"'{key}' is in more than one level.");
                level[v] = l;
            }
        }

        Assert.DoesNotContain(-1, level);
        for (var task = 0; task < n; task++)
        {
            var deepest = -1;
            for (var dep = 0; dep < n; dep++)
            {
                if (!graph.Edge[task, dep])
                {
                    continue;
                }

                Assert.True(position[dep] < position[task], $"'{graph.Keys[task]}' is ordered before its dependency '{graph.Keys[dep]}'.");
                Assert.True(level[dep] < level[task], $"'{graph.Keys[task]}' (level {level[task]}) is not after its dependency '{graph.Keys[dep]}' (level {level[dep]}).");
                deepest = Math.Max(deepest, level[dep]);
            }

            Assert.True(level[task] == deepest + 1, $"'{graph.Keys[task]}' is at level {level[task]}; its deepest dependency is at {deepest}.");
        }

        var path = analysis.CriticalPath;
        Assert.NotEmpty(path);
        var weight = 0L;
        for (var s = 0; s < path.Count; s++)
        {
            var v = graph.IndexOf(path[s]);
            weight += graph.Weights[v];
            if (s > 0)
            {
                var previous = graph.IndexOf(path[s - 1]);
                Assert.True(graph.Edge[v, previous], $"Critical path step: '{path[s]}' does not depend on '{path[s - 1]}'.");
            }
        }

        var longest = graph.LongestPathWeight();
        Assert.Equal(longest, weight);
        Assert.Equal(longest, analysis.CriticalPathWeight);
    }
}
