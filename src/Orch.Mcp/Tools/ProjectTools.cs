using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core.Projects;

namespace Orch.Mcp.Tools;

[McpServerToolType]
public sealed class ProjectTools
{
    [McpServerTool(Name = "list_projects", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [StructuredReply(typeof(ProjectList))]
    [Description("Lists Orch projects, newest first, with their status and budget.")]
    public static async Task<CallToolResult> ListProjects(
        ProjectService projects,
        [Description("How many projects to return, 1 to 1000. Default 50.")] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var list = await projects.ListAsync(limit, cancellationToken);
        return ToolReply.Of(new ProjectList([.. list.Select(p => new ProjectListItem(p.Id, p.Name, p.Status.ToString().ToLowerInvariant(), p.BudgetUsd, UtcInstant.Text(p.CreatedAt)))]));
    }
}
