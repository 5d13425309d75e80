using System.Net;
using System.Text.RegularExpressions;
using Orch.Testing;

namespace Orch.Admin.Tests;

/// <summary>
/// Orch.Admin as a real process on a free loopback port, on a data directory of its own (or one handed
/// over, to restart on the same database with other settings), ready when <c>/ready</c> says so.
/// Stopped, and its own data directory deleted, on dispose.
/// </summary>
public sealed partial class AdminSite : IAsyncDisposable
{
    private readonly HostProcess process;
    private readonly TempDirectory? ownData;

    private AdminSite(HostProcess process, Uri baseAddress, string dataDirectory, TempDirectory? ownData)
    {
        this.process = process;
        this.ownData = ownData;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output => process.Stdout + process.Stderr;

    /// <summary>
    /// Starts the dashboard with <paramref name="settings"/> as environment variables
    /// (<c>Orch__Admin__AllowRegistration</c>…); on <paramref name="dataDirectory"/> if given, else on a fresh one.
    /// </summary>
    public static async Task<AdminSite> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var ownData = dataDirectory is null ? new TempDirectory("orch-admin") : null;
        var data = dataDirectory ?? ownData!.Path;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var environment = new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data,
            ["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var site = new AdminSite(HostProcess.Start("Orch.Admin", environment), baseAddress, data, ownData);
        try
        {
            await site.WaitUntilReadyAsync(cancellationToken);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client for the site that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>Creates an account through the register form; the client is then signed in as it.</summary>
    public static Task RegisterAsync(HttpClient client, string userName, string password, CancellationToken cancellationToken) =>
        DashboardForms.RegisterAsync(client, userName, password, cancellationToken);

    /// <summary>The anti-forgery token a server-rendered form carries.</summary>
    public static string AntiforgeryToken(string html) => DashboardForms.AntiforgeryToken(html);

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        // The SQLite file may still be open in a pool of this process for a moment: TempDirectory tolerates that.
        ownData?.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Orch.Admin exited:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"Orch.Admin did not become ready:{Environment.NewLine}{Output}");
    }
}
