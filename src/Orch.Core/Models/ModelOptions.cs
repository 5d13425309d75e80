namespace Orch.Core.Models;

/// <summary>
/// Settings under <c>Orch:Models</c>: the providers, the tiers (cheapest first), the routing table
/// and planning. With none of them configured, every tier runs on the offline provider.
/// </summary>
public sealed class ModelOptions
{
    public const string SectionName = "Orch:Models";

    /// <summary>The key of the routing table's row that applies to every kind without a row of its own.</summary>
    public const string DefaultRoute = "Default";

    /// <summary>Providers by name. Default: one, <c>offline</c>.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tiers from cheapest to strongest. Default: <c>local</c>, <c>small</c>, <c>large</c>, all offline.</summary>
    public List<TierOptions> Tiers { get; set; } = [];

    /// <summary>
    /// Starting tier by task kind and complexity: <c>Routing:Code:High = large</c>. The row
    /// <c>Default</c> covers kinds without a row; a missing complexity falls back to that row too.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Routing { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tier the planner starts on; it falls back up the chain like any other call.</summary>
    public string PlanningTier { get; set; } = "small";

    /// <summary>How many answers the planner asks for before it gives up on a model that keeps answering badly.</summary>
    public int PlanningAttempts { get; set; } = 3;

    /// <summary>Whether a task whose result fails verification may move up one tier on retry.</summary>
    public bool AllowEscalation { get; set; } = true;

    /// <summary>How often each provider's health is checked.</summary>
    public int HealthCheckSeconds { get; set; } = 60;
}
