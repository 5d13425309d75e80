namespace Orch.Admin.Components.Graph;

/// <summary>
/// One task as the graph draws it: its key, the label in its box, the keys it waits for, and a state word that
/// picks its colour (a plan's tier while under review; pending, running, completed… while it runs).
/// </summary>
public sealed record GraphTask(string Key, string Label, IReadOnlyList<string> DependsOn, string State);
