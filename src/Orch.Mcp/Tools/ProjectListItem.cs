using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record ProjectListItem(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("budget_usd")] decimal? BudgetUsd,
    [property: JsonPropertyName("created_at")] string CreatedAt);
