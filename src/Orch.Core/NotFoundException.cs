namespace Orch.Core;

/// <summary>A project, plan or task that does not exist (or not where it was looked for).</summary>
public sealed class NotFoundException(string entity, string id) : OrchException($"No {entity} has the id {id}.")
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;
}
