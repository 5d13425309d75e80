using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orch.Core.Models.Providers;

/// <summary>
/// The HTTP plumbing Ollama's chat client and embedding generator share: one attempt per call under the provider's
/// time-out, and every failure as a <see cref="ProviderException"/> (caller cancellation stays an
/// <see cref="OperationCanceledException"/>).
/// </summary>
internal sealed class OllamaHttp : IDisposable
{
    public const string DefaultBaseUrl = "http://localhost:11434";

    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly string? apiKey;
    private readonly TimeProvider clock;

    public OllamaHttp(string provider, ProviderOptions options, HttpClient? httpClient, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(options);
        Provider = provider;
        BaseUrl = (string.IsNullOrWhiteSpace(options.BaseUrl) ? DefaultBaseUrl : options.BaseUrl).TrimEnd('/');
        Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        // A local Ollama needs no key; one behind a proxy or ollama.com takes a bearer token.
        apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey;
        this.clock = clock;
        ownsHttp = httpClient is null;
        // Our linked token enforces the time-out, so the HttpClient's own must not cut in first.
        http = httpClient ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public string Provider { get; }

    public string BaseUrl { get; }

    public TimeSpan Timeout { get; }

    public TimeProvider Clock => clock;

    /// <summary>Sends one request and returns the answer's JSON; throws <see cref="ProviderException"/> for anything else.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri($"{BaseUrl}/{path}"));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var text = await response.Content.ReadAsStringAsync(limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw ProviderFailures.FromStatus(Provider, (int)response.StatusCode, ErrorDetail(text), RetryAfterHeader.Read(response.Headers, clock.GetUtcNow()), apiKey);
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw ProviderFailures.Unreadable(Provider, $"not JSON ({ex.Message})", ex, apiKey);
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            throw ProviderFailures.Timeout(Provider, Timeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw ProviderFailures.Unreachable(Provider, ex, apiKey);
        }
        catch (IOException ex)
        {
            // The connection dropped while the answer was being read.
            throw ProviderFailures.Unreachable(Provider, ex, apiKey);
        }
    }

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    // Ollama's errors are {"error": "..."}; a proxy in front of it may answer with anything.
    private static string ErrorDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the best detail there is.
        }

        return body;
    }
}
