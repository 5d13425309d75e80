using System.Text.Json.Serialization;

namespace Orch.Core.Plans;

/// <summary>
/// A plan as JSON, the way a planning model, a workflow file or a person writes it. Nothing in
/// it is trusted: <see cref="PlanValidator"/> checks every field and reports all problems at once.
/// </summary>
public sealed record PlanDocument
{
    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [JsonPropertyName("tasks")]
    public List<PlanTaskDocument?>? Tasks { get; init; }

    /// <summary>
    /// Only in an answer to a re-plan: the keys of tasks to drop. A re-plan's tasks replace the ones
    /// with the same key and add the others; a task is removed only when named here, never by omission.
    /// </summary>
    [JsonPropertyName("remove")]
    public List<string?>? Remove { get; init; }
}
