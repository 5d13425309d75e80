using System.Globalization;
using System.Text.Json;

namespace Orch.Core.Tools;

/// <summary>
/// Reads a tool call's arguments. They usually arrive as <see cref="JsonElement"/>s (parsed from the
/// model's JSON), but plain strings, numbers and booleans are accepted too. A missing or mistyped
/// argument is an <see cref="InvalidInputException"/> naming it, which the tools return as an error.
/// </summary>
internal static class ToolArguments
{
    public static string RequiredString(IReadOnlyDictionary<string, object?> arguments, string name) =>
        OptionalString(arguments, name) ?? throw new InvalidInputException(name, "is required.");

    public static string? OptionalString(IReadOnlyDictionary<string, object?> arguments, string name) =>
        Find(arguments, name) switch
        {
            null => null,
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement json => throw new InvalidInputException(name, $"must be a string, not {Describe(json.ValueKind)}."),
            var other => throw new InvalidInputException(name, $"must be a string, not {other.GetType().Name}."),
        };

    public static int? OptionalInt(IReadOnlyDictionary<string, object?> arguments, string name, int min, int max)
    {
        long? value = Find(arguments, name) switch
        {
            null => null,
            int i => i,
            long l => l,
            double d when double.IsInteger(d) && Math.Abs(d) <= long.MaxValue => (long)d,
            string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt64(out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetDouble(out var d) && double.IsInteger(d) && Math.Abs(d) <= long.MaxValue => (long)d,
            JsonElement { ValueKind: JsonValueKind.String } json when long.TryParse(json.GetString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new InvalidInputException(name, "must be a whole number."),
        };
        if (value is { } v && (v < min || v > max))
        {
            throw new InvalidInputException(name, $"must be between {min:N0} and {max:N0}; got {v:N0}.");
        }

        return (int?)value;
    }

    public static bool? OptionalBool(IReadOnlyDictionary<string, object?> arguments, string name) =>
        Find(arguments, name) switch
        {
            null => null,
            bool b => b,
            string s when bool.TryParse(s.Trim(), out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement { ValueKind: JsonValueKind.String } json when bool.TryParse(json.GetString()?.Trim(), out var parsed) => parsed,
            _ => throw new InvalidInputException(name, "must be true or false."),
        };

    /// <summary>A tool's input schema from its JSON text; parsed once per tool type.</summary>
    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static object? Find(IReadOnlyDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
