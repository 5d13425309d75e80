namespace Orch.Core.Tools;

/// <summary>What a tool call gives back to the model, and the workspace files it wrote.</summary>
public sealed record ToolResult(string Content, bool IsError, IReadOnlyList<string> FilesWritten)
{
    public static ToolResult Ok(string content) => new(content, false, []);

    public static ToolResult Wrote(string content, string relativePath) => new(content, false, [relativePath]);

    /// <summary>A refusal or failure, worded for the model to read and act on.</summary>
    public static ToolResult Error(string message) => new(message, true, []);
}
