using System.ComponentModel;
using System.Text.Json.Serialization;
using Orch.Core.Plans;

namespace Orch.Mcp.Tools;

/// <summary>An edit to one task, in the tools' snake_case; fields left out keep their value.</summary>
public sealed record TaskEditInput(
    [property: JsonPropertyName("id"), Description("The task's id (its key in the plan).")] string Id,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("complexity")] string? Complexity = null,
    [property: JsonPropertyName("tier")] string? Tier = null,
    [property: JsonPropertyName("depends_on")] string[]? DependsOn = null,
    [property: JsonPropertyName("acceptance_criteria")] string[]? AcceptanceCriteria = null)
{
    internal TaskEdit ToEdit() => new(Id, Title, Description, Kind, Complexity, Tier, DependsOn, AcceptanceCriteria: AcceptanceCriteria);
}
