using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Mcp.Tools;

/// <summary>
/// Asks the person, through the client, to confirm a plan before it may run. Only an accepted,
/// confirmed answer lets the approval go ahead; a decline and a dismissal are told apart, and both
/// leave the plan a draft.
/// </summary>
internal static class ApprovalQuestion
{
    public const string Field = "approve";

    public static async Task AskAsync(McpServer server, ProjectSummary project, PlanView plan, PlanForecast forecast, CancellationToken cancellationToken)
    {
        var budget = forecast.BudgetUsd is { } cap ? $"a budget of {ReplyText.Usd(cap)} ({ReplyText.Usd(forecast.SpentUsd)} spent)" : "no project budget (the daily and monthly caps still apply)";
        var question = new ElicitRequestParams
        {
            Message = $"Approve plan v{plan.Version} of '{project.Name}'? {plan.Tasks.Count} task(s); forecast {ReplyText.Usd(forecast.ExpectedUsd)}, at worst {ReplyText.Usd(forecast.WorstCaseUsd)}, against {budget}. Nothing runs until it is approved.",
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    [Field] = new ElicitRequestParams.BooleanSchema
                    {
                        Title = "Approve this plan",
                        Description = "The tasks may then run and spend up to the forecast.",
                        Default = true,
                    },
                },
                Required = [Field],
            },
        };

        ElicitResult answer;
        try
        {
            answer = await server.ElicitAsync(question, cancellationToken);
        }
        catch (McpException ex)
        {
            throw new McpException($"The person could not be asked to approve plan v{plan.Version} ({ex.Message}); it stays a draft.", ex);
        }

        var version = $"plan v{plan.Version} (plan_id {plan.Id})";
        switch (answer.Action)
        {
            case "accept" when Confirmed(answer):
                return;
            case "accept":
            case "decline":
                throw new McpException($"The person declined to approve {version}; it stays a draft. Ask what to change and revise it with revise_plan.");
            default:
                throw new McpException($"The person dismissed the approval of {version} without answering; it stays a draft. Ask again when they are ready.");
        }
    }

    /// <summary>An accepted form confirms unless the box was cleared.</summary>
    private static bool Confirmed(ElicitResult answer) =>
        answer.Content is null || !answer.Content.TryGetValue(Field, out var value) || value.ValueKind != JsonValueKind.False;
}
