using Orch.Core.Plans;

namespace Orch.Benchmarks.Plans;

/// <summary>Deterministic random acyclic plans: edges go from earlier to later tasks of a hidden order, then the list is shuffled.</summary>
internal static class RandomPlans
{
    public static GraphNode[] Graph(int tasks, int edges, int seed)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, tasks).Select(i => $"task-{i:D6}").ToArray();
        var dependsOn = new HashSet<int>[tasks];
        for (var i = 0; i < tasks; i++)
        {
            dependsOn[i] = [];
        }

        var added = 0;
        while (added < edges)
        {
            var a = random.Next(tasks);
            var b = random.Next(tasks);
            if (a == b)
            {
                continue;
            }

            var (early, late) = a < b ? (a, b) : (b, a);
            if (dependsOn[late].Add(early))
            {
                added++;
            }
        }

        var nodes = Enumerable.Range(0, tasks).Select(i => new GraphNode(keys[i], [.. dependsOn[i].Select(d => keys[d])])).ToArray();
        random.Shuffle(nodes);
        return nodes;
    }

    public static PlanDocument Document(GraphNode[] graph) => new()
    {
        Tasks = [.. graph.Select(n => new PlanTaskDocument
        {
            Key = n.Key,
            Title = $"Do {n.Key}",
            Description = "Benchmark task",
            Kind = "code",
            Complexity = "medium",
            DependsOn = [.. n.DependsOn],
            EstimatedCostUsd = 0.01m,
        })],
    };
}
