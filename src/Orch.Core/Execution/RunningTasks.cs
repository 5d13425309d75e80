using System.Collections.Concurrent;

namespace Orch.Core.Execution;

/// <summary>The attempts running in this process, each with the token that cancels it.</summary>
public sealed class RunningTasks
{
    private readonly ConcurrentDictionary<Guid, Entry> runs = new();

    public int Count => runs.Count;

    public IReadOnlyCollection<Guid> TaskIds => [.. runs.Values.Select(e => e.Claim.TaskId)];

    internal CancellationToken Add(ClaimedRun claim)
    {
        var entry = new Entry(claim, new CancellationTokenSource());
        runs[claim.RunId] = entry;
        return entry.Cancel.Token;
    }

    internal void Remove(Guid runId)
    {
        if (runs.TryRemove(runId, out var entry))
        {
            entry.Cancel.Dispose();
        }
    }

    /// <summary>Cancels this process's attempts at the given tasks. Returns how many.</summary>
    public int CancelTasks(IEnumerable<Guid> taskIds)
    {
        var wanted = taskIds.ToHashSet();
        return Cancel(e => wanted.Contains(e.Claim.TaskId));
    }

    public int CancelProject(Guid projectId) => Cancel(e => e.Claim.ProjectId == projectId);

    private int Cancel(Func<Entry, bool> which)
    {
        var count = 0;
        foreach (var entry in runs.Values.Where(which))
        {
            try
            {
                entry.Cancel.Cancel();
                count++;
            }
            catch (ObjectDisposedException)
            {
                // Finished meanwhile.
            }
        }

        return count;
    }

    private sealed record Entry(ClaimedRun Claim, CancellationTokenSource Cancel);
}
