namespace Orch.Admin.Components.Dashboard;

/// <summary>A slice of a share chart: a name (a tier, a model) and its value.</summary>
public sealed record ChartPoint(string Label, double Value);
