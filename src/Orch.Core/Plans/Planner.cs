using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Budgets;
using Orch.Core.Models;

namespace Orch.Core.Plans;

/// <summary>
/// Asks the planning tier for a plan as JSON, reads it leniently (code fences, prose around it),
/// validates it as a task graph, and on problems asks again with the list of them — a bounded
/// number of times. Every answer is costed and recorded as usage the moment it arrives.
/// </summary>
public sealed partial class Planner(
    ModelRouter router,
    ProviderRegistry providers,
    BudgetLedger ledger,
    IOptions<ModelOptions> models,
    IOptions<PlanOptions> plans,
    TimeProvider clock,
    ILogger<Planner> logger)
{
    /// <summary>Plans from requirements that already passed the input guard. <paramref name="newProjectCapMicros"/> is the budget of a project not stored yet.</summary>
    public Task<PlannedDraft> PlanAsync(Guid? projectId, PlanRequest request, CancellationToken cancellationToken, long? newProjectCapMicros = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, PlannerPrompt.System(TierNames(), plans.Value.MaxTasks)),
            new(ChatRole.User, PlannerPrompt.User(request)),
        };
        var facts = new AdditionalPropertiesDictionary
        {
            [ChatRequestKeys.Purpose] = ChatPurpose.Planning,
            [ChatRequestKeys.Requirements] = request.Requirements,
            [ChatRequestKeys.Constraints] = request.Constraints,
            [ChatRequestKeys.AcceptanceCriteria] = request.AcceptanceCriteria ?? [],
        };
        return AskAsync(projectId, request, messages, facts, merge: null, newProjectCapMicros, cancellationToken);
    }

    /// <summary>Asks for changes to a plan; the answer is merged so that nothing is dropped unless named.</summary>
    public Task<PlannedDraft> ReplanAsync(Guid projectId, PlanRequest original, PlanDocument current, string instructions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var currentJson = PlanDocumentReader.Write(current);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, PlannerPrompt.System(TierNames(), plans.Value.MaxTasks)),
            new(ChatRole.User, PlannerPrompt.Replan(currentJson, instructions)),
        };
        var facts = new AdditionalPropertiesDictionary
        {
            [ChatRequestKeys.Purpose] = ChatPurpose.Replanning,
            [ChatRequestKeys.CurrentPlan] = currentJson,
            [ChatRequestKeys.Instructions] = instructions,
        };
        return AskAsync(projectId, original, messages, facts, changes => PlanMerge.Apply(current, changes), null, cancellationToken);
    }

    private async Task<PlannedDraft> AskAsync(
        Guid? projectId,
        PlanRequest request,
        List<ChatMessage> messages,
        AdditionalPropertiesDictionary facts,
        Func<PlanDocument, PlanDocument>? merge,
        long? newProjectCapMicros,
        CancellationToken cancellationToken)
    {
        var attempts = new List<PlanningAttempt>();
        var maxTasks = plans.Value.MaxTasks;
        for (var number = 1; number <= models.Value.PlanningAttempts; number++)
        {
            var route = router.RouteFrom(models.Value.PlanningTier, "planning starts on the planning tier");
            var options = new ChatOptions
            {
                ModelId = route.Tier.Model,
                MaxOutputTokens = route.Tier.MaxOutputTokens,
                Temperature = 0.2f,
                AdditionalProperties = facts,
            };
            // Reserved at the worst case before the call, charged at the reported cost after it; any
            // failure in between gives the reservation back.
            var worst = CostEstimator.ForCall(route.Tier, TokenEstimator.Estimate(messages), route.Tier.MaxOutputTokens).WorstCaseMicros;
            var reservation = await ledger.ReserveAsync(worst, projectId, null, cancellationToken, newProjectCapMicros);
            ChatResponse response;
            long input, output, cost;
            var started = clock.GetTimestamp();
            try
            {
                response = await providers.Get(route.ProviderName).Chat.GetResponseAsync(messages, options, cancellationToken);
                input = Math.Max(0, response.Usage?.InputTokenCount ?? TokenEstimator.Estimate(messages));
                output = Math.Max(0, response.Usage?.OutputTokenCount ?? TokenEstimator.Estimate(response.Text));
                cost = ModelPricing.CostMicros(route.Tier, input, output);
                await ledger.CommitAsync(
                    reservation.Id,
                    new UsageRecord(Guid.CreateVersion7(), UsagePurpose.Planning, route.ProviderName, response.ModelId ?? route.Tier.Model, route.Tier.Name, input, output, cost, (long)clock.GetElapsedTime(started).TotalMilliseconds, clock.GetUtcNow(), projectId));
            }
            catch
            {
                await ReleaseQuietlyAsync(reservation.Id);
                throw;
            }

            var (document, validation, problems) = Read(response.Text, maxTasks, merge);
            attempts.Add(new PlanningAttempt(number, route.Tier.Name, route.ProviderName, response.ModelId ?? route.Tier.Model, input, output, cost, problems));
            if (document is not null && validation is { IsValid: true })
            {
                return new PlannedDraft(document, validation, request, attempts);
            }

            LogRejected(logger, number, problems.Count);
            messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            messages.Add(new ChatMessage(ChatRole.User, PlannerPrompt.Repair(problems)));
        }

        throw new PlanningFailedException(attempts);
    }

    private async Task ReleaseQuietlyAsync(Guid reservationId)
    {
        try
        {
            await ledger.ReleaseAsync(reservationId, CancellationToken.None);
        }
        catch (InvalidTransitionException)
        {
            // Already settled: the commit went through before the failure.
        }
    }

    private (PlanDocument? Document, PlanValidation? Validation, IReadOnlyList<string> Problems) Read(string answer, int maxTasks, Func<PlanDocument, PlanDocument>? merge)
    {
        try
        {
            var document = PlanDocumentReader.Read(LenientJson.Extract(answer), maxTasks);
            if (merge is not null)
            {
                document = merge(document);
            }

            var validation = PlanValidator.Validate(document, maxTasks, TierNames());
            return (document, validation, [.. validation.Problems.Select(p => p.Path is null ? p.Message : $"{p.Path}: {p.Message}")]);
        }
        catch (PlanFormatException ex)
        {
            return (null, null, [ex.Message]);
        }
        catch (PlanValidationException ex)
        {
            return (null, null, [.. ex.Problems.Select(p => p.Message)]);
        }
    }

    private List<string> TierNames() => [.. models.Value.Tiers.Select(t => t.Name)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Planning answer {Attempt} was not usable ({Problems} problems); asking again")]
    private static partial void LogRejected(ILogger logger, int attempt, int problems);
}
