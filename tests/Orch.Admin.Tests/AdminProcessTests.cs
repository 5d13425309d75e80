using System.Net;
using Orch.Testing;

namespace Orch.Admin.Tests;

/// <summary>The dashboard as a real process on a loopback port, over real HTTP.</summary>
public sealed class AdminProcessTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Dashboard_ServesPagesHealthAndTheBlazorScript_OnTheEmbeddedDefaults()
    {
        using var data = new TempDirectory();
        var port = FreePort.Next();
        await using var admin = HostProcess.Start("Orch.Admin", new Dictionary<string, string?> { ["Orch__DataDirectory"] = data.Path }, "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilUpAsync(admin, http);

        var home = await http.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("<title>Orch · Projects</title>", home, StringComparison.Ordinal);
        Assert.Contains("No projects yet.", home, StringComparison.Ordinal);
        Assert.Contains("Healthy", await http.GetStringAsync(new Uri("/ready", UriKind.Relative), Ct), StringComparison.Ordinal);

        using var script = await http.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Blazor", await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Package assets are served from the build output too, with content.
        using var radzen = await http.GetAsync(new Uri("/_content/Radzen.Blazor/css/material-base.css", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, radzen.StatusCode);
        Assert.Equal("text/css", radzen.Content.Headers.ContentType?.MediaType);
        Assert.True((await radzen.Content.ReadAsByteArrayAsync(Ct)).Length > 10_000);
        using var missing = await http.GetAsync(new Uri("/no-such-page", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(File.Exists(Path.Combine(data.Path, "orch.db")));
    }

    [Fact]
    public async Task InvalidConfiguration_RefusesToStart_NamingTheKey()
    {
        using var data = new TempDirectory();
        await using var admin = HostProcess.Start("Orch.Admin", new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data.Path,
            ["Orch__Storage__CommandTimeoutSeconds"] = "0",
        }, "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(2, await admin.WaitForExitAsync(Ct));
        Assert.Contains("Orch:Storage:CommandTimeoutSeconds must be between 1 and 3600 seconds (was 0)", admin.Stderr + admin.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "orch.db")));
    }

    private static async Task WaitUntilUpAsync(HostProcess admin, HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (admin.HasExited)
            {
                throw new InvalidOperationException($"Orch.Admin exited:{Environment.NewLine}{admin.Stdout}{admin.Stderr}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"Orch.Admin did not come up:{Environment.NewLine}{admin.Stdout}{admin.Stderr}");
    }
}
