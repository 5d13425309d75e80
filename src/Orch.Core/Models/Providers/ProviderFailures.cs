using System.Globalization;
using System.Text;

namespace Orch.Core.Models.Providers;

/// <summary>
/// Builds the <see cref="ProviderException"/> for each way a provider call can fail, so that all providers fail
/// alike: the same transient classification, the same wording, and never the API key in a message.
/// </summary>
internal static class ProviderFailures
{
    private const int MaxDetailLength = 300;

    public static ProviderException FromStatus(string provider, int status, string? detail, TimeSpan? retryAfter, string? secret, Exception? inner = null)
    {
        var what = status switch
        {
            400 => "rejected the request as invalid",
            401 => "did not accept the API key",
            403 => "refused access to this resource",
            404 => "does not know this model or endpoint (check the model name and the base URL)",
            408 => "timed out waiting for the request",
            409 => "reported a conflict",
            413 => "found the request too large",
            422 => "could not process the request",
            429 => "is rate limiting calls",
            >= 500 => "failed on its side",
            _ => "answered with an unexpected status",
        };
        var message = new StringBuilder($"the provider {what} (HTTP {status})");
        if (retryAfter is { } wait)
        {
            message.Append(CultureInfo.InvariantCulture, $", retry after {wait.TotalSeconds:0.###} s");
        }

        var clean = Clean(detail, secret);
        if (clean.Length > 0)
        {
            message.Append(": ").Append(clean);
        }

        return new ProviderException(provider, message.ToString(), ProviderException.IsTransientStatus(status), status, retryAfter, SafeInner(inner, secret));
    }

    /// <summary>Our own per-provider time limit elapsed; the caller did not cancel.</summary>
    public static ProviderException Timeout(string provider, TimeSpan limit, Exception? inner) =>
        new(provider, $"the provider did not answer within {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", isTransient: true, innerException: inner);

    /// <summary>No HTTP answer at all: connection refused or reset, DNS, TLS.</summary>
    public static ProviderException Unreachable(string provider, Exception inner, string? secret) =>
        new(provider, $"the provider could not be reached: {Clean(inner.Message, secret)}", isTransient: true, innerException: SafeInner(inner, secret));

    /// <summary>An answer came, but not one we can understand; asking again would not help.</summary>
    public static ProviderException Unreadable(string provider, string reason, Exception? inner = null, string? secret = null) =>
        new(provider, $"the provider's answer could not be read: {Clean(reason, secret)}", isTransient: false, innerException: SafeInner(inner, secret));

    public static ProviderException MissingApiKey(string provider, string variable) =>
        new(provider, $"no API key: set Orch:Models:Providers:{provider}:ApiKey or the {variable} environment variable", isTransient: false);

    /// <summary>One line, the key replaced, at most a few hundred characters: fit for a message and a log line.</summary>
    public static string Clean(string? text, string? secret)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxDetailLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxDetailLength), "…");
    }

    // An SDK's exception may quote the response body, and some providers echo the key back in it.
    private static Exception? SafeInner(Exception? inner, string? secret) =>
        inner is null || string.IsNullOrEmpty(secret) || !inner.ToString().Contains(secret, StringComparison.Ordinal) ? inner : null;
}
