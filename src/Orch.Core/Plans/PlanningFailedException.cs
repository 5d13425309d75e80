namespace Orch.Core.Plans;

/// <summary>The planning model gave no valid plan within the allowed attempts; every attempt is listed with its cost.</summary>
public sealed class PlanningFailedException(IReadOnlyList<PlanningAttempt> attempts)
    : OrchException(Describe(attempts))
{
    public IReadOnlyList<PlanningAttempt> Attempts { get; } = attempts;

    private static string Describe(IReadOnlyList<PlanningAttempt> attempts)
    {
        var last = attempts.Count == 0 ? [] : attempts[^1].Problems;
        return $"The planning model gave no valid plan in {attempts.Count} attempt(s); nothing was saved. " +
            $"Problems in its last answer: {string.Join("; ", last.Take(10))}{(last.Count > 10 ? $"; and {last.Count - 10} more" : string.Empty)}.";
    }
}
