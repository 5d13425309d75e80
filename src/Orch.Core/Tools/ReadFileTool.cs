using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orch.Core.Execution;

namespace Orch.Core.Tools;

/// <summary><c>read_file</c>: a UTF-8 text file of the workspace, up to <see cref="ExecutionOptions.MaxFileBytes"/>.</summary>
public sealed class ReadFileTool(WorkspaceSandbox sandbox, IOptions<ExecutionOptions> options) : IOrchTool
{
    public const string ToolName = "read_file";

    private static readonly JsonElement Schema = ToolArguments.Schema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "The file's path relative to the workspace, such as notes/plan.md." },
            "max_chars": { "type": "integer", "minimum": 1, "description": "Return at most this many characters (default: the whole file)." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name => ToolName;

    public string Description => "Reads a text file from the project's workspace. Paths are relative to the workspace; use list_files to see what is there.";

    public JsonElement InputSchema => Schema;

    public async Task<ToolResult> InvokeAsync(IReadOnlyDictionary<string, object?> arguments, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var maxChars = ToolArguments.OptionalInt(arguments, "max_chars", 1, int.MaxValue);
            var path = sandbox.Resolve(context.Workspace, ToolArguments.RequiredString(arguments, "path"), WorkspaceAccess.Read);
            if (Directory.Exists(path.FullPath))
            {
                return ToolResult.Error($"'{path.Relative}' is a folder; use list_files to see what it holds.");
            }

            if (!File.Exists(path.FullPath))
            {
                return ToolResult.Error($"'{path.Relative}' does not exist; use list_files to see the workspace's files.");
            }

            var limit = options.Value.MaxFileBytes;
            await using var stream = sandbox.OpenRead(path);
            if (stream.Length > limit)
            {
                return ToolResult.Error($"'{path.Relative}' is {stream.Length:N0} bytes; read_file reads files of at most {limit:N0} bytes.");
            }

            // One byte more than the file's length: a file that grew since its length was read is noticed.
            var buffer = new byte[(int)stream.Length + 1];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (length == buffer.Length)
            {
                return ToolResult.Error($"'{path.Relative}' grew while it was read; try again.");
            }

            var text = Decode(buffer.AsSpan(0, length));
            if (text is null)
            {
                return ToolResult.Error($"'{path.Relative}' is a binary file, not UTF-8 text; read_file reads text only.");
            }

            return maxChars is { } max && text.Length > max
                ? ToolResult.Ok($"{text[..max]}\n…[truncated: the first {max:N0} of {text.Length:N0} characters]")
                : ToolResult.Ok(text);
        }
        catch (InvalidInputException ex)
        {
            return ToolResult.Error(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"The file could not be read: {ex.Message}");
        }
    }

    private static string? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.Contains((byte)0))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
