using System.Text.Json.Nodes;

namespace Orch.Core.Events;

/// <summary>Builds events stamped with the injected clock, their details as a JSON object.</summary>
public sealed class EventFactory(TimeProvider clock)
{
    /// <summary>The time events are stamped with.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    public OrchEvent Create(string type, Guid? projectId, Guid? planTaskId, JsonObject? details = null) =>
        new(type, clock.GetUtcNow(), projectId, planTaskId, (details ?? []).ToJsonString());
}
