using Microsoft.Extensions.Options;
using Orch.Core.Plans;

namespace Orch.Core.Models;

/// <summary>
/// Picks the cheapest tier that qualifies for a call: the starting tier from the routing table
/// (or the task's own tier), moved up by escalation, then up the chain past any tier whose provider
/// is down, rate-limited or has its circuit open. Tiers below the starting one never qualify.
/// </summary>
public sealed class ModelRouter(IOptions<ModelOptions> options, IProviderStatus status)
{
    /// <summary>Routes a task's call. <paramref name="escalation"/> is how many tiers to move up (after failed verification).</summary>
    public RouteDecision Route(TaskKind kind, TaskComplexity complexity, string? taskTier = null, int escalation = 0)
    {
        var (start, why) = taskTier is { Length: > 0 }
            ? (taskTier, $"the task asks for tier '{taskTier}'")
            : StartingTier(kind, complexity);
        return RouteFrom(start, why, escalation);
    }

    /// <summary>Routes a call that starts on a named tier (the planner's, a tool's sub-call).</summary>
    public RouteDecision RouteFrom(string startTier, string why, int escalation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(escalation);
        var current = options.Value;
        var tiers = current.Tiers;
        var index = tiers.FindIndex(t => t.Name.Equals(startTier, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new InvalidInputException("tier", $"'{startTier}' is not a configured tier ({string.Join(", ", tiers.Select(t => t.Name))}).");
        }

        var reason = why;
        if (escalation > 0 && current.AllowEscalation)
        {
            var raised = Math.Min(index + escalation, tiers.Count - 1);
            reason += raised > index ? $"; escalated {raised - index} tier(s) to '{tiers[raised].Name}'" : "; already on the strongest tier";
            index = raised;
        }

        var skipped = new List<string>();
        for (var i = index; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var state = status.StateOf(tier.Provider);
            if (state.Availability == ProviderAvailability.Available)
            {
                var text = i == index
                    ? $"{reason} → '{tier.Name}' ({tier.Provider}/{tier.Model})"
                    : $"{reason}; fell back to '{tier.Name}' ({tier.Provider}/{tier.Model})";
                return new RouteDecision(tier, tier.Provider, current.Providers[tier.Provider], text, skipped);
            }

            skipped.Add($"'{tier.Name}' skipped: provider {tier.Provider} {Describe(state)}");
        }

        throw new NoModelAvailableException(tiers[index].Name, skipped);
    }

    /// <summary>The tier the routing table gives a kind and complexity, with the rule that gave it.</summary>
    public (string Tier, string Why) StartingTier(TaskKind kind, TaskComplexity complexity)
    {
        var routing = options.Value.Routing;
        var complexityName = complexity.ToString();
        if (routing.TryGetValue(kind.ToString(), out var row) && Lookup(row, complexityName) is { } byKind)
        {
            return (byKind, $"{kind} × {complexity} → routing table row {kind}");
        }

        if (routing.TryGetValue(ModelOptions.DefaultRoute, out var fallback) && Lookup(fallback, complexityName) is { } byDefault)
        {
            return (byDefault, $"{kind} × {complexity} → routing table row {ModelOptions.DefaultRoute}");
        }

        var cheapest = options.Value.Tiers[0].Name;
        return (cheapest, $"{kind} × {complexity} has no routing rule → cheapest tier");
    }

    /// <summary>The escalation hook: the next stronger tier, or null on the strongest or when escalation is off.</summary>
    public string? NextTier(string tier)
    {
        var current = options.Value;
        if (!current.AllowEscalation)
        {
            return null;
        }

        var index = current.Tiers.FindIndex(t => t.Name.Equals(tier, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < current.Tiers.Count ? current.Tiers[index + 1].Name : null;
    }

    /// <summary>The stronger (later in the chain) of two configured tiers. A task marked for the assistant stays the assistant's.</summary>
    public string Stronger(string a, string b)
    {
        if (AssistantTier.Is(a) || AssistantTier.Is(b))
        {
            return AssistantTier.Name;
        }

        var tiers = options.Value.Tiers;
        int IndexOf(string name) => tiers.FindIndex(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return IndexOf(a) >= IndexOf(b) ? a : b;
    }

    public TierOptions GetTier(string name) =>
        AssistantTier.Is(name) ? AssistantTier.Options : options.Value.Tiers.Find(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidInputException("tier", $"'{name}' is not a configured tier.");

    private static string? Lookup(Dictionary<string, string> row, string complexity) =>
        row.FirstOrDefault(e => e.Key.Equals(complexity, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Describe(ProviderState state) => state.Availability switch
    {
        ProviderAvailability.Down => $"is down ({state.Detail})",
        ProviderAvailability.CircuitOpen => $"has its circuit open ({state.Detail})",
        ProviderAvailability.RateLimited => $"is rate-limited ({state.Detail})",
        _ => "is available",
    };
}
