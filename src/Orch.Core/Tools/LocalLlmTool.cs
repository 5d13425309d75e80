using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Orch.Core.Models;

namespace Orch.Core.Tools;

/// <summary>
/// <c>local_llm</c>: hands a self-contained prompt to the cheapest configured tier (a local model, when
/// one is configured) and returns its answer. The call is budgeted and recorded as the run's, for the
/// purpose <c>Tool</c>, like every other model call.
/// </summary>
public sealed class LocalLlmTool(ModelRouter router, MeteredChat chat, IOptions<ModelOptions> models) : IOrchTool
{
    public const string ToolName = "local_llm";
    public const int MaxPromptChars = 32_000;

    private static readonly JsonElement Schema = ToolArguments.Schema("""
        {
          "type": "object",
          "properties": {
            "prompt": { "type": "string", "description": "The whole request, with any text it is about: the model sees nothing else." }
          },
          "required": ["prompt"],
          "additionalProperties": false
        }
        """);

    public string Name => ToolName;

    public string Description => "Asks a small, cheap model to do a simple, self-contained job (summarise, extract, classify, reformat) and returns its answer.";

    public JsonElement InputSchema => Schema;

    public async Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var prompt = ToolArguments.RequiredString(arguments, "prompt");
            if (string.IsNullOrWhiteSpace(prompt))
            {
                return ToolResult.Error("prompt: is empty; give the whole request.");
            }

            if (prompt.Length > MaxPromptChars)
            {
                return ToolResult.Error($"prompt: is {prompt.Length:N0} characters long; at most {MaxPromptChars:N0}. Send less text, or split the job.");
            }

            var route = router.RouteFrom(models.Value.Tiers[0].Name, "local_llm tool");
            var options = new ChatOptions { AdditionalProperties = new() { [ChatRequestKeys.Purpose] = ChatPurpose.Task } };
            var answer = await chat.GetResponseAsync(route, [new ChatMessage(ChatRole.User, prompt)], options, context.Usage, cancellationToken);
            var text = answer.Response.Text;
            return string.IsNullOrWhiteSpace(text) ? ToolResult.Ok("(The model gave an empty answer.)") : ToolResult.Ok(text);
        }
        catch (InvalidInputException ex)
        {
            return ToolResult.Error(ex.Message);
        }
        catch (OrchException ex)
        {
            // Budget, routing and provider failures are worded for the reader.
            return ToolResult.Error($"local_llm could not run: {ex.Message}");
        }
    }
}
