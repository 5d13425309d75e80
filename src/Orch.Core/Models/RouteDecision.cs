namespace Orch.Core.Models;

/// <summary>The tier a call goes to, and why: the rule that chose the starting tier and every tier skipped on the way.</summary>
public sealed record RouteDecision(TierOptions Tier, string ProviderName, ProviderOptions Provider, string Reason, IReadOnlyList<string> Skipped);
