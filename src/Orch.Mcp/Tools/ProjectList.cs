using System.Text;
using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record ProjectList([property: JsonPropertyName("projects")] IReadOnlyList<ProjectListItem> Projects) : IToolReply
{
    public string ToText() => Projects.Count == 0
        ? "No projects yet. Start one with plan."
        : new StringBuilder($"{Projects.Count} project(s), newest first:")
            .Lines(Projects, p => $"{p.Name} ({p.Id}): {p.Status}, {ReplyText.Budget(p.BudgetUsd)}").ToString();
}
