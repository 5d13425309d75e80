namespace Orch.Core.Tools;

/// <summary>The tools a task asked for that are loaded, and the names it asked for that are not.</summary>
public sealed record ToolSelection(IReadOnlyList<IOrchTool> Tools, IReadOnlyList<string> Unknown);
