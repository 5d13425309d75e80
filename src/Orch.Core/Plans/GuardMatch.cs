namespace Orch.Core.Plans;

/// <summary>A detector's hit before policy is applied: the index of its rule in <see cref="GuardRules.All"/> and its span.</summary>
internal readonly record struct GuardMatch(int Rule, int Start, int Length);
