using System.Net;
using System.Text.Json;
using Orch.Testing;

namespace Orch.Admin.Tests;

/// <summary>The dashboard as a real process on a loopback port, over real HTTP.</summary>
public sealed class AdminProcessTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task Dashboard_ServesPagesHealthAndTheBlazorScript_OnTheEmbeddedDefaults()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var http = site.CreateClient();
        await AdminSite.RegisterAsync(http, "alice", "Correct-horse-7", Ct);

        var home = await http.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("<title>Orch · Projects</title>", home, StringComparison.Ordinal);
        Assert.Contains("No projects yet.", home, StringComparison.Ordinal);

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
        Assert.True(File.Exists(Path.Combine(site.DataDirectory, "orch.db")));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_ButProbesScriptsAndStylesAnswer()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var http = site.CreateClient();

        foreach (var page in new[] { "/", "/no-such-page" })
        {
            using var response = await http.GetAsync(new Uri(page, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
        }

        using var redirected = await http.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal("?ReturnUrl=%2F", redirected.Headers.Location?.Query);
        // No circuit for anyone not signed in.
        using var circuit = await http.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, circuit.StatusCode);

        foreach (var open in new[] { "/health", "/ready", "/account/sign-in", "/account/register", "/account/access-denied", "/_framework/blazor.web.js", "/_content/Radzen.Blazor/Radzen.Blazor.js", "/_content/Radzen.Blazor/css/material-dark-base.css" })
        {
            using var response = await http.GetAsync(new Uri(open, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{open} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Ready_ReportsTheDatabaseAndTheScheduler()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var http = site.CreateClient();

        using var ready = await http.GetAsync(new Uri("/ready", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("scheduler").GetString());

        // Liveness runs no check: it says the process answers.
        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), Ct));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Empty(health.RootElement.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Forms_WithoutTheAntiforgeryToken_AreRefused()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using var http = site.CreateClient();
        await AdminSite.RegisterAsync(http, "alice", "Correct-horse-7", Ct);

        using var signIn = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.UserName"] = "alice",
            ["Input.Password"] = "Correct-horse-7",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);

        using var register = await http.PostAsync(new Uri("/account/register", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["Input.UserName"] = "mallory",
            ["Input.Password"] = "Correct-horse-7",
            ["Input.ConfirmPassword"] = "Correct-horse-7",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);

        using var signOut = await http.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        // Still signed in: the forged sign-out did nothing.
        using var home = await http.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
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

    [Fact]
    public async Task MisspeltAdminSetting_RefusesToStart_NamingTheKey()
    {
        using var data = new TempDirectory();
        await using var admin = HostProcess.Start("Orch.Admin", new Dictionary<string, string?>
        {
            ["Orch__DataDirectory"] = data.Path,
            ["Orch__Admin__AllowRegistrations"] = "false",
        }, "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(2, await admin.WaitForExitAsync(Ct));
        Assert.Contains("Orch:Admin:AllowRegistrations is not a setting Orch knows; the settings there are: Orch:Admin:AllowRegistration.", admin.Stderr + admin.Stdout, StringComparison.Ordinal);
    }
}
