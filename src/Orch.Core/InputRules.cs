namespace Orch.Core;

/// <summary>The checks every text from outside passes before it is stored or sent to a model.</summary>
internal static class InputRules
{
    public static string RequiredText(string? value, string field, int maxLength) =>
        OptionalText(value, field, maxLength) ?? throw new InvalidInputException(field, "is required and must not be blank.");

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            throw new InvalidInputException(field, $"is {text.Length:N0} characters long; at most {maxLength:N0} are allowed.");
        }

        if (UnsafeCharacter(text) is { } problem)
        {
            throw new InvalidInputException(field, problem);
        }

        return text;
    }

    /// <summary>
    /// Why the text cannot be stored as it is, or null. NUL and other control characters (but tab
    /// and line breaks) and broken UTF-16 (a lone surrogate) are refused: PostgreSQL rejects NUL,
    /// SQLite would silently replace a lone surrogate, and no honest text needs either.
    /// </summary>
    public static string? UnsafeCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return $"contains a NUL character (at {i}).";
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r') && c < '\u0080')
            {
                return $"contains the control character U+{(int)c:X4} (at {i}).";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains broken UTF-16 (a lone surrogate at {i}).";
            }
        }

        return null;
    }
}
