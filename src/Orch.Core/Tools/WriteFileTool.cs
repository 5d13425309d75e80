using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orch.Core.Execution;

namespace Orch.Core.Tools;

/// <summary>
/// <c>write_file</c>: creates or replaces a UTF-8 text file of the workspace (folders created as needed),
/// and indexes it for <c>search_knowledge</c> as <c>file:{path}</c>.
/// </summary>
public sealed partial class WriteFileTool(WorkspaceSandbox sandbox, KnowledgeIndex knowledge, IOptions<ExecutionOptions> options, ILogger<WriteFileTool> logger) : IOrchTool
{
    public const string ToolName = "write_file";

    private static readonly JsonElement Schema = ToolArguments.Schema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "The file's path relative to the workspace, such as src/app.py. Missing folders are created." },
            "content": { "type": "string", "description": "The whole text of the file; an existing file is replaced." }
          },
          "required": ["path", "content"],
          "additionalProperties": false
        }
        """);

    public string Name => ToolName;

    public string Description => "Creates or replaces a text file in the project's workspace with the given content. Paths are relative to the workspace.";

    public JsonElement InputSchema => Schema;

    public async Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var requested = ToolArguments.RequiredString(arguments, "path");
            var content = ToolArguments.RequiredString(arguments, "content");
            var limit = options.Value.MaxFileBytes;
            var size = Encoding.UTF8.GetByteCount(content);
            if (size > limit)
            {
                return ToolResult.Error($"content is {size:N0} bytes; write_file writes files of at most {limit:N0} bytes. Split it into several files.");
            }

            var path = sandbox.Resolve(context.Workspace, requested, WorkspaceAccess.Write);
            if (Directory.Exists(path.FullPath))
            {
                return ToolResult.Error($"'{path.Relative}' is a folder; give a file name inside it.");
            }

            var existed = File.Exists(path.FullPath);
            await sandbox.WriteAsync(path, Encoding.UTF8.GetBytes(content), cancellationToken);
            var message = $"{(existed ? "Replaced" : "Created")} {path.Relative} ({size:N0} bytes).";
            await IndexAsync(context, path.Relative, content, cancellationToken);
            return ToolResult.Wrote(message, path.Relative);
        }
        catch (InvalidInputException ex)
        {
            return ToolResult.Error(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"The file could not be written: {ex.Message}");
        }
    }

    // The file is written either way: an index that could not be updated only makes search miss it.
    private async Task IndexAsync(ToolContext context, string relative, string content, CancellationToken cancellationToken)
    {
        try
        {
            await knowledge.IndexAsync(context.ProjectId, "file:" + relative, relative, content, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogIndexFailed(logger, relative, context.ProjectId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrote {Path} in project {ProjectId} but could not index it for search")]
    private static partial void LogIndexFailed(ILogger logger, string path, Guid projectId, Exception exception);
}
