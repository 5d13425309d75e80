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
            // System.Text.Json counts lines and bytes from 0; people count from 1.
            var line = ex.LineNumber + 1;
            var column = ex.BytePositionInLine + 1;
            throw new PlanFormatException(Explain(ex), line, column, ex.Path, ex);
        }

        return document ?? throw new PlanFormatException("the document is null; expected an object with a \"tasks\" array.", 1, 1);
    }

    public static string Write(PlanDocument document) => JsonSerializer.Serialize(document, PlanJson.Default.PlanDocument);

    private static string Explain(JsonException ex)
    {
        // The serializer's own message repeats the path and position; keep only its first sentence.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        // Type names as a person would say them.
        return message.Replace("Orch.Core.Plans.", string.Empty, StringComparison.Ordinal)
            .Replace("System.Collections.Generic.List`1[System.String]", "a list of strings", StringComparison.Ordinal)
            .Replace("System.Nullable`1[System.Int32]", "an integer", StringComparison.Ordinal)
            .Replace("System.Nullable`1[System.Decimal]", "a number", StringComparison.Ordinal)
            .Replace("System.String", "a string", StringComparison.Ordinal);
    }
}
