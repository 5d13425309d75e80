using System.Diagnostics;
using System.Net;

namespace Orch.Benchmarks.Admin;

/// <summary>
/// GETs of a dashboard page as a browser's first request for it: Blazor Server renders the whole page on the
/// server (prerendering) and sends it, with the state the browser's circuit then starts from. The time to the
/// last byte is the server's time for the page, as loopback adds next to nothing.
/// </summary>
internal static class PageRequests
{
    public static async Task<PageLoad> LoadAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var headers = Stopwatch.GetElapsedTime(started);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var complete = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var why = response.StatusCode switch
            {
                HttpStatusCode.NotFound => " (no such page in this build: pass another with --page, such as /overview)",
                HttpStatusCode.Redirect or HttpStatusCode.Found => $" to {response.Headers.Location} (not signed in?)",
                _ => string.Empty,
            };
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}{why}.");
        }

        return new PageLoad(headers.TotalMilliseconds, complete.TotalMilliseconds, body.Length);
    }
}
