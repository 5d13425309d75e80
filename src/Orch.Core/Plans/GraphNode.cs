namespace Orch.Core.Plans;

/// <summary>A task as the graph sees it: its key, the keys it depends on, and its weight on the critical path.</summary>
public readonly record struct GraphNode(string Key, IReadOnlyList<string> DependsOn, long Weight = 1);
