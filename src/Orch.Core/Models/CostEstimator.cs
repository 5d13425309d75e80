using Orch.Core.Plans;

namespace Orch.Core.Models;

/// <summary>Estimates what a task's model call will cost on a tier, before it runs.</summary>
public static class CostEstimator
{
    /// <summary>The framing every task prompt carries: instructions, tool descriptions, output rules.</summary>
    public const long TaskPromptOverheadTokens = 600;

    /// <summary>What each dependency's output is expected to add to the prompt.</summary>
    public const long TokensPerDependencyOutput = 800;

    public static CostEstimate ForCall(TierOptions tier, long promptTokens, long expectedOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var expected = Math.Min(expectedOutputTokens, tier.MaxOutputTokens);
        return new CostEstimate(
            promptTokens,
            expected,
            tier.MaxOutputTokens,
            ModelPricing.CostMicros(tier, promptTokens, expected),
            ModelPricing.CostMicros(tier, promptTokens, tier.MaxOutputTokens));
    }

    /// <summary>One attempt at a task: its text, its dependencies' outputs and the framing as prompt; output by complexity.</summary>
    public static CostEstimate ForTask(PlanTaskDefinition task, TierOptions tier)
    {
        ArgumentNullException.ThrowIfNull(task);
        var prompt = TaskPromptOverheadTokens
            + TokenEstimator.Estimate(task.Title)
            + TokenEstimator.Estimate(task.Description)
            + task.AcceptanceCriteria.Sum(TokenEstimator.Estimate)
            + (task.DependsOn.Count * TokensPerDependencyOutput);
        return ForCall(tier, prompt, ExpectedOutputTokens(task.Complexity));
    }

    public static long ExpectedOutputTokens(TaskComplexity complexity) => complexity switch
    {
        TaskComplexity.Low => 400,
        TaskComplexity.Medium => 1_200,
        _ => 3_000,
    };
}
