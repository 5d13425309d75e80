namespace Orch.Admin.Components.Graph;

/// <summary>A task's box in the drawing: its top-left corner.</summary>
public sealed record GraphPlacement(GraphTask Task, double X, double Y);
