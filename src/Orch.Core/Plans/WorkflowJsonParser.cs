using System.Text;
using System.Text.Json;

namespace Orch.Core.Plans;

/// <summary>
/// Reads JSON into <see cref="WorkflowNode"/>s token by token with <see cref="Utf8JsonReader"/>,
/// keeping each token's line and character column (the reader itself knows only byte offsets).
/// Comments and trailing commas are allowed, as in plan JSON.
/// </summary>
internal static class WorkflowJsonParser
{
    public static WorkflowNode Parse(string text, int maxDepth, int maxNodes)
    {
        var builder = new WorkflowTreeBuilder(maxDepth, maxNodes);
        var cursor = new Cursor(text);
        var reader = new Utf8JsonReader(
            Encoding.UTF8.GetBytes(text),
            new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth + 1 });
        var (line, column) = (1, 1);
        try
        {
            while (reader.Read())
            {
                (line, column) = cursor.MoveTo(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        builder.StartMapping(line, column, null);
                        break;
                    case JsonTokenType.StartArray:
                        builder.StartSequence(line, column, null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        builder.End();
                        break;
                    case JsonTokenType.PropertyName or JsonTokenType.String:
                        builder.Scalar(new WorkflowScalar(line, column, reader.GetString(), WorkflowScalarKind.Text), null);
                        break;
                    case JsonTokenType.Number:
                        builder.Scalar(new WorkflowScalar(line, column, Encoding.UTF8.GetString(reader.ValueSpan), WorkflowScalarKind.Number), null);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        builder.Scalar(new WorkflowScalar(line, column, reader.TokenType == JsonTokenType.True ? "true" : "false", WorkflowScalarKind.Boolean), null);
                        break;
                    case JsonTokenType.Null:
                        builder.Scalar(new WorkflowScalar(line, column, null, WorkflowScalarKind.Null), null);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            // The reader counts lines from 0 and columns in UTF-8 bytes from 0.
            var (errorLine, errorColumn) = new Cursor(text).MoveTo(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            throw new WorkflowFormatException($"this is not valid JSON: {Explain(ex.Message)}", errorLine, errorColumn, innerException: ex);
        }
        catch (InvalidOperationException ex)
        {
            // GetString refuses a string whose escapes make invalid text, such as a lone "\ud800".
            throw new WorkflowFormatException("this is not valid JSON: the string holds an invalid escape sequence.", line, column, innerException: ex);
        }

        return builder.Root ?? throw new WorkflowFormatException("the file holds no JSON value.", 1, 1);
    }

    /// <summary>The reader's message without its own (byte-based) position.</summary>
    private static string Explain(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Walks the text forward only, turning UTF-8 byte offsets into 1-based lines and character columns in linear time.</summary>
    private sealed class Cursor(string text)
    {
        private int index;
        private long bytes;
        private int line = 1;
        private int column = 1;

        public (int Line, int Column) MoveTo(long byteOffset)
        {
            while (bytes < byteOffset && index < text.Length)
            {
                Step();
            }

            return (line, column);
        }

        public (int Line, int Column) MoveTo(long zeroBasedLine, long byteInLine)
        {
            while (line <= zeroBasedLine && index < text.Length)
            {
                Step();
            }

            var start = bytes;
            while (bytes - start < byteInLine && index < text.Length && text[index] != '\n')
            {
                Step();
            }

            return (line, column);
        }

        private void Step()
        {
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                bytes += 4;
                index += 2;
                column += 2;
                return;
            }

            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            index++;
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
    }
}
