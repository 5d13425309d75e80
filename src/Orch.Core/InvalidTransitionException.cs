namespace Orch.Core;

/// <summary>A status change that the entity's state machine does not allow.</summary>
public sealed class InvalidTransitionException(string entity, string id, string from, string to, IReadOnlyList<string> allowed)
    : OrchException(allowed.Count == 0
        ? $"The {entity} {id} is {from}, a final state; it cannot become {to}."
        : $"The {entity} {id} is {from}; it can become {string.Join(", ", allowed)}, not {to}.")
{
    public string Entity { get; } = entity;

    public string EntityId { get; } = id;

    public string From { get; } = from;

    public string To { get; } = to;
}
