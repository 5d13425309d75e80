namespace Orch.Core.Models;

/// <summary>
/// The tier of tasks done by the calling assistant itself, with its own model and tools: Orch never
/// routes a call to it, never dispatches its tasks, and pays nothing for them. A plan marks such
/// tasks with this tier; the assistant claims them with <c>next_task</c>.
/// </summary>
public static class AssistantTier
{
    public const string Name = "assistant";

    /// <summary>How runs and usage of assistant work name their provider.</summary>
    public const string Provider = "assistant";

    /// <summary>The model recorded for work paid by the assistant's flat-rate subscription, when it names none.</summary>
    public const string Subscription = "subscription";

    /// <summary>The tier as the forecast sees it: free to Orch.</summary>
    public static TierOptions Options { get; } = new()
    {
        Name = Name,
        Provider = Provider,
        Model = Name,
        InputUsdPerMillion = 0,
        OutputUsdPerMillion = 0,
    };

    public static bool Is(string? tier) => string.Equals(tier, Name, StringComparison.OrdinalIgnoreCase);
}
