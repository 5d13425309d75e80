namespace Orch.Admin.Components.Dashboard;

/// <summary>A point of a chart over time (a day, a minute; UTC) and its value.</summary>
public sealed record TimePoint(DateTime At, double Value);
