namespace Orch.Core.Plans;

/// <summary>
/// The field names a workflow file may use at each level, and the nearest one to a name that is
/// not among them ("did you mean …"): the same spelling ignoring case, '_' and '-'; a common
/// synonym (<c>needs</c> → <c>depends_on</c>); a shortening (<c>timeout</c> → <c>timeout_seconds</c>);
/// or a known name within a small edit distance (<c>titel</c> → <c>title</c>).
/// </summary>
internal static class WorkflowFields
{
    public const string Name = "name";
    public const string Summary = "summary";
    public const string Tasks = "tasks";

    public const string Key = "key";
    public const string Title = "title";
    public const string Description = "description";
    public const string Kind = "kind";
    public const string Complexity = "complexity";
    public const string Tier = "tier";
    public const string Tools = "tools";
    public const string AcceptanceCriteria = "acceptance_criteria";
    public const string Priority = "priority";
    public const string DependsOn = "depends_on";
    public const string EstimatedCostUsd = "estimated_cost_usd";
    public const string TimeoutSeconds = "timeout_seconds";
    public const string MaxAttempts = "max_attempts";

    public static IReadOnlyList<string> Workflow { get; } = [Name, Summary, Tasks];

    public static IReadOnlyList<string> Task { get; } =
        [Key, Title, Description, Kind, Complexity, Tier, Tools, AcceptanceCriteria, Priority, DependsOn, EstimatedCostUsd, TimeoutSeconds, MaxAttempts];

    /// <summary>Names people reach for from other workflow tools, normalised (lower case, no '_' or '-').</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["needs"] = DependsOn,
        ["after"] = DependsOn,
        ["requires"] = DependsOn,
        ["deps"] = DependsOn,
        ["dependencies"] = DependsOn,
        ["retry"] = MaxAttempts,
        ["retries"] = MaxAttempts,
        ["attempts"] = MaxAttempts,
        ["timeout"] = TimeoutSeconds,
        ["model"] = Tier,
        ["cost"] = EstimatedCostUsd,
        ["criteria"] = AcceptanceCriteria,
        ["id"] = Key,
        ["name"] = Title,
        ["title"] = Name,
        ["description"] = Summary,
        ["type"] = Kind,
        ["steps"] = Tasks,
        ["jobs"] = Tasks,
    };

    /// <summary>The known name <paramref name="unknown"/> most likely stands for, or null when none is close.</summary>
    public static string? Suggest(string unknown, IReadOnlyList<string> known)
    {
        var wanted = Normalize(unknown);
        if (wanted.Length == 0 || wanted.Length > 64)
        {
            return null;
        }

        var same = known.FirstOrDefault(k => Normalize(k) == wanted);
        if (same is not null)
        {
            return same;
        }

        if (Synonyms.TryGetValue(wanted, out var synonym) && known.Contains(synonym))
        {
            return synonym;
        }

        var longer = known.FirstOrDefault(k => wanted.Length >= 4 && Normalize(k).StartsWith(wanted, StringComparison.Ordinal));
        if (longer is not null)
        {
            return longer;
        }

        var allowed = wanted.Length <= 4 ? 1 : wanted.Length <= 8 ? 2 : 3;
        return known
            .Select(k => (Name: k, Distance: Distance(wanted, Normalize(k))))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or ' '))).ToLowerInvariant();

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
