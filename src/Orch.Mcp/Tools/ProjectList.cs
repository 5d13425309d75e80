namespace Orch.Mcp.Tools;

public sealed record ProjectList(IReadOnlyList<ProjectListItem> Projects);
