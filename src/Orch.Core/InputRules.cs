namespace Orch.Core;

/// <summary>The checks every text from outside passes before it is stored.</summary>
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

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL cannot store NUL in text, and no honest input needs it.
            throw new InvalidInputException(field, "contains a NUL character.");
        }

        return text;
    }
}
