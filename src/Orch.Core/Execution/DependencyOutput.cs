namespace Orch.Core.Execution;

/// <summary>A finished dependency's result, given to the task that waited for it.</summary>
public sealed record DependencyOutput(string Key, string Title, string Output);
