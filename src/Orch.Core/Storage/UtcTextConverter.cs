using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orch.Core.Storage;

/// <summary>DateTimeOffset as fixed-width UTC text (<c>2026-11-22T08:30:00.0000000Z</c>): ordinal order is time order.</summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    value => Format(value),
    text => Parse(text))
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    internal static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the text this converter wrote by its fixed positions: status reads convert thousands of
    /// these per call, and the general pattern parser costs about a microsecond each. Any other shape
    /// goes to the exact parse, which says what is wrong with it.
    /// </summary>
    internal static DateTimeOffset Parse(string text)
    {
        if (text.Length == 28 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[27] == 'Z'
            && TryDigits(text, 0, 4, out var year) && TryDigits(text, 5, 2, out var month) && TryDigits(text, 8, 2, out var day)
            && TryDigits(text, 11, 2, out var hour) && TryDigits(text, 14, 2, out var minute) && TryDigits(text, 17, 2, out var second)
            && TryDigits(text, 20, 7, out var ticks)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
        {
            return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks), TimeSpan.Zero);
        }

        return new DateTimeOffset(DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
    }

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
