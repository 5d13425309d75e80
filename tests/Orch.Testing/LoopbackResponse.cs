namespace Orch.Testing;

/// <summary>What a <see cref="LoopbackServer"/> answers: status, body, headers, and an optional delay before it.</summary>
public sealed record LoopbackResponse(int StatusCode, string Body, string ContentType)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait before answering; a client that hangs up first gets no answer.</summary>
    public TimeSpan Delay { get; init; }

    public static LoopbackResponse Json(string body, int status = 200) => new(status, body, "application/json");

    public static LoopbackResponse Text(string body, string contentType = "text/plain", int status = 200) => new(status, body, contentType);

    public LoopbackResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    public LoopbackResponse After(TimeSpan delay) => this with { Delay = delay };
}
