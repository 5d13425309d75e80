namespace Orch.Core.Execution;

/// <summary>What never changes about a task of a stored plan version: its identity, place, title and dependencies.</summary>
public sealed record TaskOutline(Guid Id, string Key, string Title, IReadOnlyList<string> DependsOn);
