namespace Orch.Core;

/// <summary>The allowed status changes of one kind of entity. Anything not listed is refused.</summary>
public sealed class TransitionTable<TStatus>
    where TStatus : struct, Enum
{
    private readonly string entity;
    private readonly Dictionary<TStatus, TStatus[]> allowed;

    public TransitionTable(string entity, Dictionary<TStatus, TStatus[]> allowed)
    {
        this.entity = entity;
        this.allowed = allowed;
        foreach (var status in Enum.GetValues<TStatus>())
        {
            // Every state is listed, final ones with no successors, so that a new state cannot be forgotten.
            if (!allowed.ContainsKey(status))
            {
                throw new ArgumentException($"The {entity} transition table does not list {status}.", nameof(allowed));
            }
        }
    }

    public bool IsAllowed(TStatus from, TStatus to) => allowed[from].Contains(to);

    public IReadOnlyList<TStatus> AllowedFrom(TStatus from) => allowed[from];

    public bool IsFinal(TStatus status) => allowed[status].Length == 0;

    /// <summary>Throws <see cref="InvalidTransitionException"/> unless <paramref name="from"/> may become <paramref name="to"/>.</summary>
    public void Ensure(TStatus from, TStatus to, object id)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidTransitionException(
                entity,
                id.ToString() ?? "?",
                from.ToString(),
                to.ToString(),
                [.. allowed[from].Select(s => s.ToString())]);
        }
    }
}
