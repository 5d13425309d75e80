namespace Orch.Admin.Components.Graph;

/// <summary>An arrow from a dependency's right side to its dependent's left side.</summary>
public sealed record GraphEdge(string From, string To, double X1, double Y1, double X2, double Y2);
