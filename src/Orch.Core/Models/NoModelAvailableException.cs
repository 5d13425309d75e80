namespace Orch.Core.Models;

/// <summary>Every tier from the starting one up is unavailable; says why for each.</summary>
public sealed class NoModelAvailableException(string startTier, IReadOnlyList<string> reasons)
    : OrchException($"No model is available from the tier '{startTier}' up: {string.Join("; ", reasons)}.")
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
