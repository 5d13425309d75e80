using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orch.Core.Storage;

/// <summary>DateTimeOffset as fixed-width UTC text (<c>2026-11-22T08:30:00.0000000Z</c>): ordinal order is time order.</summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    value => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
    text => new DateTimeOffset(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero))
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
}
