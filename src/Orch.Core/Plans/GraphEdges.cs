namespace Orch.Core.Plans;

/// <summary>
/// A task graph's edges over node indices, as compressed adjacency arrays: for node i,
/// <c>Deps[DepStart[i]..DepStart[i+1]]</c> are the tasks it depends on and
/// <c>Next[NextStart[i]..NextStart[i+1]]</c> the tasks that depend on it.
/// </summary>
internal sealed record GraphEdges(int[] DepStart, int[] Deps, int[] NextStart, int[] Next, int ActiveCount);
