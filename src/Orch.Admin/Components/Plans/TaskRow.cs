using Orch.Core.Plans;

namespace Orch.Admin.Components.Plans;

/// <summary>
/// One task as a person edits it on the plan review: the stored task's fields (or a new task's) as the inputs hold
/// them. <see cref="Id"/> names the row for its whole life: the stored key, or <c>new-1</c>, <c>new-2</c>… for added ones.
/// </summary>
public sealed class TaskRow
{
    internal TaskRow(string id, PlanTaskView? original, string key)
    {
        Id = id;
        Original = original;
        Key = key;
        Title = original?.Title ?? string.Empty;
        Description = original?.Description ?? string.Empty;
        Kind = Name(original?.Kind ?? TaskKind.Other);
        Complexity = Name(original?.Complexity ?? TaskComplexity.Medium);
        Tier = original?.Tier;
        DependsOn = original?.DependsOn ?? [];
        AcceptanceCriteria = string.Join('\n', original?.AcceptanceCriteria ?? []);
    }

    public string Id { get; }

    /// <summary>The stored task, or null for a task added in this review.</summary>
    public PlanTaskView? Original { get; }

    public bool IsNew => Original is null;

    /// <summary>A stored task keeps its key (others depend on it by that name); a new task's is typed in.</summary>
    public string Key { get; set; }

    public string Title { get; set; }

    public string Description { get; set; }

    /// <summary>The kind's name in lower case, as the plan format writes it.</summary>
    public string Kind { get; set; }

    public string Complexity { get; set; }

    /// <summary>Null on a new task for the routing table's choice.</summary>
    public string? Tier { get; set; }

    public IEnumerable<string> DependsOn { get; set; }

    /// <summary>One criterion a line.</summary>
    public string AcceptanceCriteria { get; set; }

    /// <summary>The criteria as a list: each non-blank line, trimmed.</summary>
    public IReadOnlyList<string> CriteriaList() =>
        [.. AcceptanceCriteria.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    internal static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
