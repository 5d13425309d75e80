using System.Globalization;

namespace Orch.Mcp.Tools;

/// <summary>
/// Instants in replies, as text: ISO 8601 in UTC with a <c>Z</c> (<c>2026-11-22T08:30:00.1234567Z</c>).
/// Orch keeps every time in UTC, and the default <c>+00:00</c>, escaped as <c>\u002B00:00</c> on the wire,
/// costs a status answer about 20 bytes per timestamp for nothing. Replies carry strings rather than
/// <see cref="DateTimeOffset"/> with a converter: a converter leaves the property untyped in the tool's
/// output schema (clients that validate schemas refuse it) and takes the reply off the generated fast path.
/// </summary>
public static class UtcInstant
{
    // "O" of a UTC DateTime is exactly that shape, and unlike a custom pattern it has a fast path.
    public static string Text(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? Text(DateTimeOffset? value) => value is { } instant ? Text(instant) : null;
}
