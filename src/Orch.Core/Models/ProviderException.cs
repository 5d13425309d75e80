namespace Orch.Core.Models;

/// <summary>
/// A model provider failed a call. <see cref="IsTransient"/> failures (429, 5xx, time-outs, dropped
/// connections) may be retried; the others (bad request, bad key, malformed answer) may not.
/// </summary>
public sealed class ProviderException : OrchException
{
    public ProviderException(string provider, string message, bool isTransient, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base($"{provider}: {message}", innerException ?? new InvalidOperationException(message))
    {
        Provider = provider;
        IsTransient = isTransient;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public string Provider { get; }

    public bool IsTransient { get; }

    /// <summary>The HTTP status, when the provider answered at all.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the provider asked us to wait (its retry-after header), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The classification every HTTP-speaking client uses, so that all providers fail alike.</summary>
    public static bool IsTransientStatus(int statusCode) => statusCode is 408 or 409 or 425 or 429 or >= 500;
}
