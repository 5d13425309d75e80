using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orch.Core.Budgets;

namespace Orch.Core.Models;

/// <summary>
/// Every model call Orch makes for a project goes through here: its worst case is reserved against
/// every cap before the call, its actual cost committed and recorded after it, the reservation
/// given back if the call fails or is cancelled. A paid tier without a price is refused.
/// </summary>
public sealed class MeteredChat(ProviderRegistry providers, BudgetLedger ledger, OrchTelemetry telemetry, TimeProvider clock)
{
    /// <exception cref="BudgetExceededException">The call's worst case would pass a cap; nothing was called.</exception>
    /// <exception cref="UnpricedModelException">The tier is on a paid provider and has no price.</exception>
    public async Task<MeteredResponse> GetResponseAsync(RouteDecision route, IList<ChatMessage> messages, ChatOptions options, UsageContext usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(usage);
        var tier = route.Tier;
        if (route.Provider.Kind != ProviderKind.Offline && (tier.InputUsdPerMillion is null || tier.OutputUsdPerMillion is null))
        {
            throw new UnpricedModelException(tier.Name, route.ProviderName);
        }

        options.ModelId ??= tier.Model;
        options.MaxOutputTokens ??= tier.MaxOutputTokens;
        var prompt = TokenEstimator.Estimate(messages) + ToolTokens(options);
        var worst = CostEstimator.ForCall(tier, prompt, options.MaxOutputTokens.Value).WorstCaseMicros;
        using var activity = OrchTelemetry.Source.StartActivity("orch.model_call", ActivityKind.Client);
        activity?.SetTag("orch.tier", tier.Name);
        activity?.SetTag("orch.provider", route.ProviderName);
        activity?.SetTag("orch.purpose", usage.Purpose.ToString());
        // A call that cannot cost anything holds nothing; it is still recorded.
        var reservation = worst > 0 ? await ledger.ReserveAsync(worst, usage.ProjectId, usage.TaskRunId, cancellationToken) : null;
        var started = clock.GetTimestamp();
        try
        {
            var response = await providers.Get(route.ProviderName).Chat.GetResponseAsync(messages, options, cancellationToken);
            var latency = clock.GetElapsedTime(started);
            var input = Math.Max(0, response.Usage?.InputTokenCount ?? prompt);
            var output = Math.Max(0, response.Usage?.OutputTokenCount ?? TokenEstimator.Estimate(response.Text));
            var cost = ModelPricing.CostMicros(tier, input, output);
            var model = response.ModelId ?? tier.Model;
            var record = new UsageRecord(
                Guid.CreateVersion7(), usage.Purpose, route.ProviderName, model, tier.Name, input, output, cost, (long)latency.TotalMilliseconds, clock.GetUtcNow(),
                usage.ProjectId, usage.PlanTaskId, usage.TaskRunId, usage.Attempt);
            if (reservation is null)
            {
                await ledger.RecordFreeAsync(record);
            }
            else
            {
                await ledger.CommitAsync(reservation.Id, record);
            }
            var tags = new TagList { { "tier", tier.Name }, { "purpose", usage.Purpose.ToString() } };
            telemetry.ModelCalls.Add(1, tags);
            telemetry.Tokens.Add(input + output, tags);
            telemetry.Cost.Add(cost, tags);
            activity?.SetTag("orch.tokens_in", input);
            activity?.SetTag("orch.tokens_out", output);
            activity?.SetTag("orch.cost_micros", cost);
            return new MeteredResponse(response, model, input, output, cost, latency);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            if (reservation is not null)
            {
                await ReleaseQuietlyAsync(reservation.Id);
            }

            throw;
        }
    }

    private async Task ReleaseQuietlyAsync(Guid reservationId)
    {
        try
        {
            // Not the caller's token: a cancelled call still gives its money back.
            await ledger.ReleaseAsync(reservationId, CancellationToken.None);
        }
        catch (InvalidTransitionException)
        {
            // Already settled: the commit went through before the failure.
        }
    }

    // Tool definitions are sent with every round and are billed as prompt.
    private static long ToolTokens(ChatOptions options) =>
        options.Tools?.OfType<AIFunctionDeclaration>().Sum(t => TokenEstimator.Estimate(t.Name + t.Description + t.JsonSchema.GetRawText())) ?? 0;
}
