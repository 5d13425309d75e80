namespace Orch.Mcp.Tools;

public sealed record ProjectListItem(Guid Id, string Name, string Status, decimal? BudgetUsd, DateTimeOffset CreatedAt);
