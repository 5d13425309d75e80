using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Orch.Core;

namespace Orch.Mcp.Tools;

/// <summary>
/// The arguments a tool takes, read from its input schema, and the check of a call's arguments against
/// them before anything is bound or run. Without it, a misspelt optional argument (<c>budget</c> for
/// <c>budget_usd</c>) would be dropped silently and the plan made without the cap that was meant, and a
/// malformed id would come back as a fault of Orch's rather than of the call.
/// Only the top level is checked here; nested values are checked where they are read.
/// </summary>
internal sealed class ToolArguments
{
    private readonly string tool;
    private readonly Dictionary<string, string> kinds;
    private readonly string[] required;

    private ToolArguments(string tool, Dictionary<string, string> kinds, string[] required)
    {
        this.tool = tool;
        this.kinds = kinds;
        this.required = required;
    }

    /// <summary>The arguments in <paramref name="inputSchema"/>; a whole number's range is that of its parameter in <paramref name="method"/>.</summary>
    public static ToolArguments Of(string tool, JsonElement inputSchema, MethodInfo method)
    {
        var parameters = method.GetParameters().Where(p => p.Name is not null).ToDictionary(p => p.Name!, p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, StringComparer.Ordinal);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (inputSchema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "any";
                var uuid = property.Value.TryGetProperty("format", out var f) && f.ValueEquals("uuid");
                var wide = type == "integer" && parameters.GetValueOrDefault(property.Name) == typeof(long);
                kinds[property.Name] = uuid ? "uuid" : wide ? "long" : type;
            }
        }

        var required = inputSchema.TryGetProperty("required", out var names)
            ? [.. names.EnumerateArray().Select(n => n.GetString()!)]
            : Array.Empty<string>();
        return new ToolArguments(tool, kinds, required);
    }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first argument that is unknown, missing or of the wrong kind.</summary>
    public void Check(IDictionary<string, JsonElement>? arguments)
    {
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (!kinds.TryGetValue(name, out var kind))
            {
                var known = kinds.Count == 0 ? "no arguments" : string.Join(", ", kinds.Keys.Order(StringComparer.Ordinal));
                throw new InvalidInputException(name, $"{tool} has no such argument; it takes {known}.");
            }

            if (value.ValueKind != JsonValueKind.Null && Problem(kind, value) is { } problem)
            {
                throw new InvalidInputException(name, problem);
            }
        }

        foreach (var name in required)
        {
            if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw new InvalidInputException(name, $"is required by {tool}.");
            }
        }
    }

    private static string? Problem(string kind, JsonElement value) => kind switch
    {
        "uuid" => value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _) ? null : $"must be an id (a UUID such as 0190f5a2-7c1e-7d4b-9a6e-3f2b1c0d4e5f), not {Shown(value)}.",
        "string" => value.ValueKind == JsonValueKind.String ? null : $"must be a string, not {Shown(value)}.",
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : $"must be a whole number from {int.MinValue:N0} to {int.MaxValue:N0}, not {Shown(value)}.",
        "long" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) ? null : $"must be a whole number, not {Shown(value)}.",
        "number" => value.ValueKind == JsonValueKind.Number ? null : $"must be a number, not {Shown(value)}.",
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, not {Shown(value)}.",
        "array" => value.ValueKind == JsonValueKind.Array ? null : $"must be a list, not {Shown(value)}.",
        "object" => value.ValueKind == JsonValueKind.Object ? null : $"must be an object, not {Shown(value)}.",
        _ => null,
    };

    /// <summary>The value as sent, shortened: a huge or hostile value is not echoed whole.</summary>
    private static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..60]}… ({text.Length:N0} characters)");
    }
}
