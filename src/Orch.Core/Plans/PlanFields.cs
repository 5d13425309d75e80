namespace Orch.Core.Plans;

/// <summary>The field names of the plan format, for error messages and suggestions.</summary>
internal static class PlanFields
{
    public static readonly IReadOnlyList<string> Plan = ["summary", "tasks", "remove"];

    public static readonly IReadOnlyList<string> Task =
    [
        "key", "title", "description", "kind", "complexity", "tier", "tools", "acceptance_criteria",
        "priority", "depends_on", "estimated_cost_usd", "timeout_seconds", "max_attempts",
    ];

    /// <summary>The known name nearest to a misspelt one (ignoring case and '_'), if it is near enough to be a slip.</summary>
    public static string? Closest(string name, IReadOnlyList<string> known)
    {
        static string Fold(string s) => s.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (name.Length > 64)
        {
            return null;
        }

        var folded = Fold(name);
        var best = known.Select(k => (Name: k, Distance: Distance(folded, Fold(k)))).MinBy(x => x.Distance);
        return best.Distance <= Math.Max(1, best.Name.Length / 4) ? best.Name : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
