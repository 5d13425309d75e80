using System.Text;
using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

public sealed record TaskOutput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("verdict")] string? Verdict,
    [property: JsonPropertyName("verdict_detail")] string? VerdictDetail,
    [property: JsonPropertyName("error")] string? Error) : IToolReply
{
    public const int MaxTextChars = 20_000;

    public string ToText()
    {
        var text = new StringBuilder($"Task {Id} '{Title}' is {Status} after {Attempts} attempt(s)");
        text.Append(Verdict is null ? "; not verified yet" : $"; verdict {Verdict}{(VerdictDetail is { Length: > 0 } d ? $" ({d})" : string.Empty)}");
        if (Error is { Length: > 0 })
        {
            text.Append("; error: ").Append(Error);
        }

        if (Files.Count > 0)
        {
            text.Append(". Files: ").Append(string.Join(", ", Files));
        }

        text.Append('.');
        if (Output is { Length: > 0 })
        {
            text.Append("\n\n").Append(ReplyText.Cut(Output, MaxTextChars));
        }

        return text.ToString();
    }
}
