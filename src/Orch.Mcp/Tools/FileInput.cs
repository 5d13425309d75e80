using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

/// <summary>A workspace file handed in with a result.</summary>
public sealed record FileInput(
    [property: JsonPropertyName("path"), Description("Relative to the project's workspace.")] string Path,
    [property: JsonPropertyName("content")] string Content);
