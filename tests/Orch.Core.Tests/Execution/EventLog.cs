using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orch.Core.Events;
using Orch.Core.Storage;

namespace Orch.Core.Tests.Execution;

/// <summary>Reads a project's life back from its events, to check the engine's invariants.</summary>
internal sealed record EventLog(IReadOnlyList<OrchEvent> Events)
{
    public static async Task<EventLog> ReadAsync(OrchDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        new(await db.Events.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken));

    public IEnumerable<(long Sequence, string Key)> Of(string type) =>
        Events.Where(e => e.Type == type).Select(e => (e.Sequence, Key(e)));

    /// <summary>The most tasks running at once over every project in the log (task keys qualified by project).</summary>
    public int MaxConcurrentAcrossProjects() =>
        new EventLog([.. Events.Select(e => new OrchEvent(e.Type, e.OccurredAt, e.ProjectId, e.PlanTaskId, QualifiedPayload(e)))]).MaxConcurrent();

    private static string QualifiedPayload(OrchEvent e) =>
        System.Text.Json.JsonSerializer.Serialize(new { key = $"{e.ProjectId}/{Key(e)}" });

    /// <summary>The most tasks of the project that were running at once, replaying start and end events in order.</summary>
    public int MaxConcurrent()
    {
        var running = new HashSet<string>(StringComparer.Ordinal);
        var max = 0;
        foreach (var e in Events)
        {
            switch (e.Type)
            {
                case EventTypes.TaskStarted:
                    running.Add(Key(e));
                    max = Math.Max(max, running.Count);
                    break;
                case EventTypes.TaskCompleted or EventTypes.TaskFailed or EventTypes.TaskRetrying or EventTypes.TaskReview
                    or EventTypes.TaskCancelled or EventTypes.TaskBudgetExceeded or EventTypes.TaskInterrupted:
                    running.Remove(Key(e));
                    break;
            }
        }

        return max;
    }

    public static string Key(OrchEvent e)
    {
        using var json = JsonDocument.Parse(e.Payload);
        return json.RootElement.TryGetProperty("key", out var key) ? key.GetString() ?? string.Empty : string.Empty;
    }
}
