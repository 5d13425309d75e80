namespace Orch.Core.Plans;

/// <summary>Changes to one task of a plan; a field left null keeps its value.</summary>
public sealed record TaskEdit(
    string Key,
    string? Title = null,
    string? Description = null,
    string? Kind = null,
    string? Complexity = null,
    string? Tier = null,
    IReadOnlyList<string>? DependsOn = null,
    IReadOnlyList<string>? Tools = null,
    IReadOnlyList<string>? AcceptanceCriteria = null,
    int? Priority = null,
    int? TimeoutSeconds = null,
    int? MaxAttempts = null)
{
    /// <summary>The edit as a partial task in the plan format: the fields it sets, nothing else.</summary>
    public PlanTaskDocument ToDocument() => new()
    {
        Key = Key,
        Title = Title,
        Description = Description,
        Kind = Kind,
        Complexity = Complexity,
        Tier = Tier,
        DependsOn = DependsOn is null ? null : [.. DependsOn],
        Tools = Tools is null ? null : [.. Tools],
        AcceptanceCriteria = AcceptanceCriteria is null ? null : [.. AcceptanceCriteria],
        Priority = Priority,
        TimeoutSeconds = TimeoutSeconds,
        MaxAttempts = MaxAttempts,
    };
}
