using System.Text;
using System.Text.Json;

namespace Orch.Core.Tools;

/// <summary><c>search_knowledge</c>: full-text search over the project's files and finished task outputs.</summary>
public sealed class SearchKnowledgeTool(KnowledgeIndex knowledge) : IOrchTool
{
    public const string ToolName = "search_knowledge";
    public const int DefaultLimit = 5;

    private static readonly JsonElement Schema = ToolArguments.Schema("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "The words to look for; entries with all of them rank first." },
            "limit": { "type": "integer", "minimum": 1, "maximum": 20, "description": "How many results to return (default 5)." }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """);

    public string Name => ToolName;

    public string Description => "Searches this project's workspace files and the outputs of its finished tasks for words, best matches first.";

    public JsonElement InputSchema => Schema;

    public async Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var query = ToolArguments.RequiredString(arguments, "query");
            var limit = ToolArguments.OptionalInt(arguments, "limit", 1, KnowledgeIndex.MaxLimit) ?? DefaultLimit;
            var hits = await knowledge.SearchAsync(context.ProjectId, query, limit, cancellationToken);
            if (hits.Count == 0)
            {
                return ToolResult.Ok("Nothing in this project's knowledge matches those words. Try other or fewer words.");
            }

            var text = new StringBuilder().Append(hits.Count).AppendLine(hits.Count == 1 ? " result:" : " results, best first:");
            for (var i = 0; i < hits.Count; i++)
            {
                text.Append(i + 1).Append(". ").Append(hits[i].Title).Append(" (").Append(hits[i].Source).AppendLine(")");
                text.Append("   ").AppendLine(hits[i].Snippet);
            }

            return ToolResult.Ok(text.ToString().TrimEnd());
        }
        catch (InvalidInputException ex)
        {
            return ToolResult.Error(ex.Message);
        }
    }
}
