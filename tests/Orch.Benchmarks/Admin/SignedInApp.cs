using System.Net;

namespace Orch.Benchmarks.Admin;

/// <summary>A started app, a client signed in to it (and its cookies, for a browser), and the data directory it runs on; all gone on dispose.</summary>
internal sealed record SignedInApp(AdminProcess App, HttpClient Client, CookieContainer Cookies, string DataDirectory) : IAsyncDisposable
{
    /// <summary>A timed GET of <paramref name="path"/>; a failure carries the app's last output, where its reason is.</summary>
    public async Task<PageLoad> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await PageRequests.LoadAsync(Client, path, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message} The app's last output:{Environment.NewLine}{App.Output()}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
