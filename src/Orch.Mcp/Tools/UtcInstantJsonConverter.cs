using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orch.Mcp.Tools;

/// <summary>
/// Writes instants as ISO 8601 in UTC with a <c>Z</c> (<c>2026-11-22T08:30:00.1234567Z</c>): Orch keeps
/// every time in UTC, and the default <c>+00:00</c>, escaped as <c>\u002B00:00</c> on the wire, costs
/// a status answer about 20 bytes per timestamp for nothing. Reads any ISO 8601 offset.
/// </summary>
public sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[28];
        if (!value.UtcDateTime.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture))
        {
            throw new JsonException($"Could not write the instant {value:O}.");
        }

        writer.WriteStringValue(text[..written]);
    }

    /// <summary>The same text as a string, for replies that carry instants as text.</summary>
    // "O" of a UTC DateTime is exactly that shape, and unlike a custom pattern it has a fast path.
    public static string? Text(DateTimeOffset? value) => value?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
