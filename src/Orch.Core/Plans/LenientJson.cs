namespace Orch.Core.Plans;

/// <summary>
/// Finds the JSON object in a model's answer: inside a ```json fence, or the first balanced
/// <c>{…}</c> around which the model wrote prose. Strings are respected when matching braces.
/// </summary>
public static class LenientJson
{
    public static string Extract(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer;
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        var fence = FenceAtLineStart(text, 0);
        if (fence >= 0 && (brace < 0 || fence < brace))
        {
            // The JSON sits in a fence; the fence closes at a ``` that starts a line, so a fence quoted
            // inside one of the plan's strings does not end it early.
            var bodyStart = text.IndexOf('\n', fence);
            var close = bodyStart < 0 ? -1 : FenceAtLineStart(text, bodyStart + 1);
            if (bodyStart >= 0)
            {
                text = close > bodyStart ? text[(bodyStart + 1)..close] : text[(bodyStart + 1)..];
            }
        }

        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return text.Trim();
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return text[start..(i + 1)];
            }
        }

        // Unbalanced: hand it over as it is, so that the reader reports where it breaks.
        return text[start..].Trim();
    }

    private static int FenceAtLineStart(string text, int from)
    {
        for (var at = text.IndexOf("```", from, StringComparison.Ordinal); at >= 0; at = text.IndexOf("```", at + 3, StringComparison.Ordinal))
        {
            if (at == 0 || text[at - 1] == '\n')
            {
                return at;
            }
        }

        return -1;
    }
}
