using System.Text.Json;

namespace Orch.Core.Tools;

/// <summary>A tool a task's model may call in the tool loop.</summary>
public interface IOrchTool
{
    /// <summary>snake_case, as the model calls it: <c>read_file</c>.</summary>
    string Name { get; }

    /// <summary>What it does and when to use it, as the model reads it.</summary>
    string Description { get; }

    /// <summary>A JSON schema of its arguments (an object).</summary>
    JsonElement InputSchema { get; }

    /// <summary>
    /// Runs one call. Bad arguments and refused requests are answered with <see cref="ToolResult.Error"/>
    /// (the model reads it and may try again); only cancellation throws.
    /// </summary>
    Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken);
}
