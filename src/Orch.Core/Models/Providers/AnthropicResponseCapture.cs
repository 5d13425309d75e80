namespace Orch.Core.Models.Providers;

/// <summary>
/// Sits in the Anthropic SDK's handler chain and notes the status and retry-after of the last response of the
/// current call. The SDK's exceptions carry the status but not the headers; this is how the wait a 429 asks for
/// reaches <see cref="ProviderException.RetryAfter"/>. The note travels with the call's async flow, so concurrent
/// calls on one client never see each other's responses.
/// </summary>
internal sealed class AnthropicResponseCapture(TimeProvider clock) : DelegatingHandler
{
    private static readonly AsyncLocal<Note?> Current = new();

    /// <summary>Starts a note for the call running in this async flow; the handler fills it in.</summary>
    public static Note Begin()
    {
        var note = new Note();
        Current.Value = note;
        return note;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } note)
        {
            note.StatusCode = (int)response.StatusCode;
            note.RetryAfter = RetryAfterHeader.Read(response.Headers, clock.GetUtcNow());
        }

        return response;
    }

    internal sealed class Note
    {
        public int? StatusCode { get; set; }

        public TimeSpan? RetryAfter { get; set; }
    }
}
