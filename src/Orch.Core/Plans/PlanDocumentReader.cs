using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orch.Core.Plans;

/// <summary>Reads plan JSON into a <see cref="PlanDocument"/>, or says where and why it cannot.</summary>
public static partial class PlanDocumentReader
{
    private static readonly JsonReaderOptions ScanOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 };

    /// <summary>
    /// Reads the document. A plan with more than <paramref name="maxTasks"/> tasks is refused by a
    /// first, allocation-free pass, before any task is built (<see cref="PlanValidationException"/>, code <c>too_many_tasks</c>).
    /// </summary>
    public static PlanDocument Read(string json, int maxTasks = PlanOptions.MaxTasksCeiling)
    {
        ArgumentNullException.ThrowIfNull(json);
        json = json.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new PlanFormatException("the text is empty.");
        }

        if (json.Length > PlanLimits.MaxDocumentChars)
        {
            throw new PlanFormatException($"the text is {json.Length:N0} characters long; at most {PlanLimits.MaxDocumentChars:N0} are read.");
        }

        if (InputRules.UnsafeCharacter(json) is { } unsafeCharacter)
        {
            throw new PlanFormatException("the text " + unsafeCharacter);
        }

        PlanDocument? document;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            if (CountTasks(bytes, maxTasks) is var count && count > maxTasks)
            {
                throw new PlanValidationException([new("too_many_tasks", $"The plan has more than {maxTasks:N0} tasks; at most {maxTasks:N0} are allowed.", "tasks")]);
            }

            document = JsonSerializer.Deserialize(bytes, PlanJson.Default.PlanDocument);
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

    /// <summary>Counts the top-level "tasks" array's entries, stopping once past the cap.</summary>
    private static int CountTasks(byte[] utf8, int maxTasks)
    {
        var reader = new Utf8JsonReader(utf8, ScanOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return 0;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTasks = reader.ValueTextEquals("tasks"u8);
            reader.Read();
            if (!isTasks || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (++count > maxTasks)
                {
                    return count;
                }

                reader.Skip();
            }

            return count;
        }

        return 0;
    }

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

        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var where = unmapped.Groups["type"].Value.EndsWith("PlanTaskDocument", StringComparison.Ordinal) ? "a task" : "the plan";
            var known = where == "a task" ? PlanFields.Task : PlanFields.Plan;
            var suggestion = PlanFields.Closest(name, known) is { } close ? $" Did you mean '{close}'?" : string.Empty;
            return $"'{TaskGraph.Shorten(name)}' is not a field of {where} (the fields are {string.Join(", ", known)}).{suggestion}";
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
            "tasks" or "tools" or "acceptance_criteria" or "depends_on" or "remove" => "an array",
            "priority" or "timeout_seconds" or "max_attempts" => "a whole number",
            "estimated_cost_usd" => "a number",
            _ => "a string",
        };
    }

    [GeneratedRegex("^The JSON property '(?<name>.*)' could not be mapped to any \\.NET member contained in type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex UnmappedMember();
}
