using System.Text;
using System.Text.Json;

namespace Orch.Core.Plans;

/// <summary>Reads plan JSON into a <see cref="PlanDocument"/>, or says where and why it cannot.</summary>
public static class PlanDocumentReader
{
    public static PlanDocument Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new PlanFormatException("the text is empty.");
        }

        if (json.Length > PlanLimits.MaxDocumentChars)
        {
            throw new PlanFormatException($"the text is {json.Length:N0} characters long; at most {PlanLimits.MaxDocumentChars:N0} are read.");
        }

        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PlanJson.Default.PlanDocument);
        }
        catch (JsonException ex)
        {
            // System.Text.Json counts lines from 0 and columns in UTF-8 bytes from 0; people count characters from 1.
            var line = (ex.LineNumber ?? 0) + 1;
            var column = CharacterColumn(json, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0) + 1;
            throw new PlanFormatException(Explain(ex), line, column, ex.Path, ex);
        }

        return document ?? throw new PlanFormatException("the document is null; expected an object with a \"tasks\" array.", 1, 1);
    }

    public static string Write(PlanDocument document) => JsonSerializer.Serialize(document, PlanJson.Default.PlanDocument);

    /// <summary>Turns a UTF-8 byte offset within a line into a character offset.</summary>
    private static long CharacterColumn(string text, long lineNumber, long byteOffset)
    {
        var start = 0;
        for (long line = 0; line < lineNumber && start < text.Length; line++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return byteOffset;
            }

            start = next + 1;
        }

        long bytes = 0;
        var at = start;
        while (at < text.Length && bytes < byteOffset && text[at] != '\n')
        {
            var width = char.IsHighSurrogate(text[at]) && at + 1 < text.Length ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(at, width));
            at += width;
        }

        return at - start;
    }

    private static string Explain(JsonException ex)
    {
        var message = ex.Message;
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            return $"this value should be {ExpectedAt(ex.Path)}.";
        }

        // The serializer's own message repeats the path and position, which are reported separately.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>What the plan format expects at a JSON path such as <c>$.tasks[2].priority</c>.</summary>
    private static string ExpectedAt(string? path)
    {
        var last = path?[(path.LastIndexOf('.') + 1)..] ?? string.Empty;
        if (last.EndsWith(']'))
        {
            return last.StartsWith("tasks[", StringComparison.Ordinal) ? "a task object" : "a string";
        }

        return last switch
        {
            "$" => "an object with a \"tasks\" array",
            "tasks" or "tools" or "acceptance_criteria" or "depends_on" => "an array",
            "priority" => "a whole number",
            "estimated_cost_usd" => "a number",
            _ => "a string",
        };
    }
}
