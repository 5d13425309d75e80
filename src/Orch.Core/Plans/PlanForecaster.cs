using Orch.Core.Budgets;
using Orch.Core.Models;

namespace Orch.Core.Plans;

/// <summary>Gives each task its starting tier and Orch's own cost estimate, and forecasts the plan against the budget.</summary>
public sealed class PlanForecaster(ModelRouter router)
{
    /// <summary>
    /// Fills in what the plan left open: the tier and the estimated cost (Orch's estimate on that
    /// tier; a planner's own guess is not trusted with money). A tier chosen by a person (workflow
    /// file, edit) stands; a planning model may raise a task above the routing table, never lower it.
    /// </summary>
    public IReadOnlyList<PlanTaskDefinition> Complete(IReadOnlyList<PlanTaskDefinition> tasks, PlanSource source) =>
        [.. tasks.Select(task =>
        {
            var table = router.StartingTier(task.Kind, task.Complexity).Tier;
            var tier = task.Tier is null ? table : source == PlanSource.Model ? router.Stronger(task.Tier, table) : task.Tier;
            return task with { Tier = tier, EstimatedCostMicros = CostEstimator.ForTask(task, router.GetTier(tier)).ExpectedMicros };
        })];

    public PlanForecast Forecast(IReadOnlyList<PlanTaskDefinition> tasks, long? budgetMicros, long spentMicros)
    {
        var forecasts = new List<TaskForecast>(tasks.Count);
        long expected = 0, worst = 0;
        foreach (var task in tasks)
        {
            var tierName = task.Tier ?? router.StartingTier(task.Kind, task.Complexity).Tier;
            var estimate = CostEstimator.ForTask(task, router.GetTier(tierName));
            var taskWorst = WorstCase(task, tierName);
            forecasts.Add(new TaskForecast(task.Key, tierName, Money.ToUsd(estimate.ExpectedMicros), Money.ToUsd(taskWorst)));
            expected += estimate.ExpectedMicros;
            worst += taskWorst;
        }

        long? remaining = budgetMicros is { } budget ? Math.Max(0, budget - spentMicros) : null;
        return new PlanForecast(
            forecasts,
            Money.ToUsd(expected),
            Money.ToUsd(worst),
            budgetMicros is { } b ? Money.ToUsd(b) : null,
            Money.ToUsd(spentMicros),
            remaining is { } r ? Money.ToUsd(r) : null);
    }

    /// <summary>Every attempt writes all the tokens it may, each retry one tier up where escalation allows.</summary>
    private long WorstCase(PlanTaskDefinition task, string tier)
    {
        long total = 0;
        var current = tier;
        for (var attempt = 0; attempt < (task.MaxAttempts ?? 1); attempt++)
        {
            total += CostEstimator.ForTask(task, router.GetTier(current)).WorstCaseMicros;
            current = router.NextTier(current) ?? current;
        }

        return total;
    }
}
