using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>Graph nodes and the task cap shared by the TaskGraph*Tests classes.</summary>
internal static class TaskGraphSamples
{
    internal const int Cap = 1_000;

    internal static GraphNode Node(string key, params string[] dependsOn) => new(key, dependsOn);

    internal static GraphNode Node(string key, string[] dependsOn, long weight) => new(key, dependsOn, weight);

    internal static GraphNode[] Chain(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i == 0 ? Node("t0") : Node($"t{i}", $"t{i - 1}"))];
}
