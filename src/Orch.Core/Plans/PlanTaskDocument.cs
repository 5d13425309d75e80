using System.Text.Json.Serialization;

namespace Orch.Core.Plans;

/// <summary>One task of a <see cref="PlanDocument"/>, as written. Kind and complexity are names, checked by the validator.</summary>
public sealed record PlanTaskDocument
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("complexity")]
    public string? Complexity { get; init; }

    [JsonPropertyName("tier")]
    public string? Tier { get; init; }

    [JsonPropertyName("tools")]
    public List<string?>? Tools { get; init; }

    [JsonPropertyName("acceptance_criteria")]
    public List<string?>? AcceptanceCriteria { get; init; }

    [JsonPropertyName("priority")]
    public int? Priority { get; init; }

    [JsonPropertyName("depends_on")]
    public List<string?>? DependsOn { get; init; }

    [JsonPropertyName("estimated_cost_usd")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>How long one attempt may run; empty for the engine's default.</summary>
    [JsonPropertyName("timeout_seconds")]
    public int? TimeoutSeconds { get; init; }

    /// <summary>How many attempts the task gets in all; empty for the engine's default.</summary>
    [JsonPropertyName("max_attempts")]
    public int? MaxAttempts { get; init; }

    /// <summary>This task with every field that <paramref name="change"/> sets replacing its own; the rest stays.</summary>
    public PlanTaskDocument Overlay(PlanTaskDocument change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with
        {
            Title = change.Title ?? Title,
            Description = change.Description ?? Description,
            Kind = change.Kind ?? Kind,
            Complexity = change.Complexity ?? Complexity,
            Tier = change.Tier ?? Tier,
            Tools = change.Tools ?? Tools,
            AcceptanceCriteria = change.AcceptanceCriteria ?? AcceptanceCriteria,
            Priority = change.Priority ?? Priority,
            DependsOn = change.DependsOn ?? DependsOn,
            EstimatedCostUsd = change.EstimatedCostUsd ?? EstimatedCostUsd,
            TimeoutSeconds = change.TimeoutSeconds ?? TimeoutSeconds,
            MaxAttempts = change.MaxAttempts ?? MaxAttempts,
        };
    }
}
