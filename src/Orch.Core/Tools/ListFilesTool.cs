using System.Text;
using System.Text.Json;

namespace Orch.Core.Tools;

/// <summary>
/// <c>list_files</c>: what a workspace folder holds, optionally with everything below it, up to
/// <see cref="MaxEntries"/> entries. Symbolic links are shown but never followed.
/// </summary>
public sealed class ListFilesTool(WorkspaceSandbox sandbox) : IOrchTool
{
    public const string ToolName = "list_files";
    public const int MaxEntries = 500;

    private static readonly JsonElement Schema = ToolArguments.Schema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "A folder relative to the workspace; leave out for the workspace itself." },
            "recursive": { "type": "boolean", "description": "Also list everything in the folders below (default false)." }
          },
          "additionalProperties": false
        }
        """);

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.None,
        ReturnSpecialDirectories = false,
    };

    public string Name => ToolName;

    public string Description => $"Lists the files and folders in the project's workspace, or in one folder of it. Folders end in '/'. At most {MaxEntries} entries.";

    public JsonElement InputSchema => Schema;

    public Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var recursive = ToolArguments.OptionalBool(arguments, "recursive") ?? false;
            var folder = sandbox.Resolve(context.Workspace, ToolArguments.OptionalString(arguments, "path"), WorkspaceAccess.List);
            var shown = folder.IsRoot ? "the workspace" : $"'{folder.Relative}'";
            if (File.Exists(folder.FullPath))
            {
                return Task.FromResult(ToolResult.Error($"{shown} is a file; use read_file to read it."));
            }

            if (!Directory.Exists(folder.FullPath))
            {
                return Task.FromResult(ToolResult.Error($"{shown} does not exist."));
            }

            var lines = new List<string>();
            var complete = Walk(folder.FullPath, folder.IsRoot ? string.Empty : folder.Relative + "/", recursive, lines, cancellationToken);
            if (lines.Count == 0)
            {
                return Task.FromResult(ToolResult.Ok($"{char.ToUpperInvariant(shown[0])}{shown[1..]} is empty."));
            }

            var text = new StringBuilder().Append("Contents of ").Append(shown).AppendLine(":");
            lines.ForEach(line => text.AppendLine(line));
            if (!complete)
            {
                text.Append("…truncated after ").Append(MaxEntries).Append(" entries; list a subfolder").Append(recursive ? " or leave recursive off" : string.Empty).Append('.');
            }

            return Task.FromResult(ToolResult.Ok(text.ToString().TrimEnd()));
        }
        catch (InvalidInputException ex)
        {
            return Task.FromResult(ToolResult.Error(ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(ToolResult.Error($"The folder could not be listed: {ex.Message}"));
        }
    }

    /// <summary>Adds the folder's entries, folders before what they hold; false when the limit cut the list short.</summary>
    private static bool Walk(string folder, string prefix, bool recursive, List<string> lines, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneLevel)
            .Where(e => !IsInProgress(e.Name))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (lines.Count == MaxEntries)
            {
                return false;
            }

            var relative = prefix + entry.Name;
            if (entry.LinkTarget is not null)
            {
                lines.Add($"{relative} (symbolic link, not followed)");
            }
            else if (entry is DirectoryInfo)
            {
                lines.Add(relative + "/");
                if (recursive && !Walk(entry.FullName, relative + "/", recursive, lines, cancellationToken))
                {
                    return false;
                }
            }
            else
            {
                var length = ((FileInfo)entry).Length;
                lines.Add($"{relative} ({length:N0} byte{(length == 1 ? string.Empty : "s")})");
            }
        }

        return true;
    }

    // A write in progress (see WorkspaceSandbox.WriteAsync) is not a file of the workspace yet.
    private static bool IsInProgress(string name) => name.StartsWith(".orch-", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal);
}
