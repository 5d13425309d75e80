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
    int? MaxAttempts = null);
