namespace Orch.Admin.Components.Runs;

/// <summary>A task's row of the timeline with its attempts' bars.</summary>
public sealed record TimelineLane(string Key, string Title, IReadOnlyList<TimelineBar> Bars);
