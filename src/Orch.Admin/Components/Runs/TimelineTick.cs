namespace Orch.Admin.Components.Runs;

/// <summary>A mark of the time axis: where it is, in percent of the axis, and the time it reads (UTC).</summary>
public sealed record TimelineTick(double Left, string Label);
