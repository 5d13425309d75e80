namespace Orch.Core;

/// <summary>Someone else changed the same row first; the change was not made. Reload and try again.</summary>
public sealed class ConcurrencyConflictException(string entity, string id, Exception innerException)
    : OrchException($"The {entity} {id} was changed by someone else at the same time; nothing was changed. Reload it and try again.", innerException)
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;
}
