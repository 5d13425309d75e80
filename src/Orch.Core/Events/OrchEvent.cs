namespace Orch.Core.Events;

/// <summary>
/// One state change, appended and never updated or deleted (the database refuses both).
/// Status, progress and the dashboard's live views are read from these.
/// </summary>
public sealed class OrchEvent
{
    public const int MaxTypeLength = 100;

    // For EF Core.
    private OrchEvent()
    {
        Type = Payload = string.Empty;
    }

    public OrchEvent(string type, DateTimeOffset occurredAt, Guid? projectId, Guid? planTaskId, string payloadJson)
    {
        Type = type;
        OccurredAt = occurredAt;
        ProjectId = projectId;
        PlanTaskId = planTaskId;
        Payload = payloadJson;
    }

    /// <summary>Assigned by the database, increasing.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Dotted, lower case: <c>plan.approved</c>, <c>task.completed</c>.</summary>
    public string Type { get; private set; }

    public Guid? ProjectId { get; private set; }

    public Guid? PlanTaskId { get; private set; }

    /// <summary>A JSON object with the event's details.</summary>
    public string Payload { get; private set; }
}
