using System.Globalization;
using System.Net.Http.Headers;

namespace Orch.Core.Models.Providers;

/// <summary>
/// How long a provider asked us to wait before trying again. <c>retry-after-ms</c> (Anthropic, OpenAI) is the
/// more precise and wins; otherwise <c>retry-after</c>, as seconds or as an HTTP date.
/// </summary>
internal static class RetryAfterHeader
{
    // A server that asks for more than a day is treated as not having said anything sensible.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Parse(First(headers, "retry-after-ms"), First(headers, "retry-after"), now);
    }

    public static TimeSpan? Parse(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (TryNumber(retryAfterMs, out var milliseconds) && milliseconds <= Longest.TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (string.IsNullOrWhiteSpace(retryAfter))
        {
            return null;
        }

        if (TryNumber(retryAfter, out var seconds))
        {
            return seconds <= Longest.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParse(retryAfter.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait <= Longest ? wait : null;
        }

        return null;
    }

    private static bool TryNumber(string? text, out double value)
    {
        value = 0;
        return !string.IsNullOrWhiteSpace(text)
            && double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
