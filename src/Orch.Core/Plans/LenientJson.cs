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
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var bodyStart = text.IndexOf('\n', fence);
            var close = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (bodyStart >= 0 && close > bodyStart)
            {
                text = text[(bodyStart + 1)..close];
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
}
