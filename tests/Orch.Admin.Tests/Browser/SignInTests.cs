using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orch.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>Signing up, in and out, roles and lock-out, in a real browser against the real dashboard on SQLite.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SignInTests(BrowserFixture chromium)
{
    private const string Password = "Correct-horse-7";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task FirstAccount_IsAdmin_AndSeesTheLiveDashboard_LaterAccounts_AreViewers()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        await using var alice = await AdminBrowser.OpenAsync(chromium.Browser, site);

        await alice.GotoAsync("/");
        await Expect(alice.Page).ToHaveURLAsync(SignInUrl());

        await alice.RegisterAsync("alice", Password);
        await Expect(alice.Page.GetByTestId("user-role")).ToHaveTextAsync("admin");
        await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();
        await Expect(alice.Page.GetByTestId("no-projects")).ToBeVisibleAsync();
        await Expect(alice.Page.GetByTestId("nav-projects")).ToBeVisibleAsync();
        alice.AssertNoErrors();

        await alice.SignOutAsync();
        await alice.GotoAsync("/");
        await Expect(alice.Page).ToHaveURLAsync(SignInUrl());

        await using var bob = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await bob.RegisterAsync("bob", Password);
        await Expect(bob.Page.GetByTestId("user-role")).ToHaveTextAsync("viewer");
        bob.AssertNoErrors();

        // Back to the page asked for after signing in, still the admin.
        await alice.GotoAsync("/");
        await alice.SignInAsync("alice", Password);
        await Expect(alice.Page).ToHaveURLAsync(new Uri(site.BaseAddress, "/").ToString());
        await Expect(alice.Page.GetByTestId("user-role")).ToHaveTextAsync("admin");
        alice.AssertNoErrors();
    }

    [Fact]
    public async Task RegistrationSwitchedOff_RefusesNewAccounts_WithAClearMessage_AndTheAdminStillSignsIn()
    {
        using var data = new TempDirectory("orch-admin");
        await using (var open = await AdminSite.StartAsync(Ct, dataDirectory: data.Path))
        {
            using var first = open.CreateClient();
            await AdminSite.RegisterAsync(first, "alice", Password, Ct);
        }

        await using var site = await AdminSite.StartAsync(Ct, new Dictionary<string, string?> { ["Orch__Admin__AllowRegistration"] = "false" }, data.Path);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);

        await browser.GotoAsync("account/register");
        await Expect(browser.Page.GetByTestId("form-error")).ToContainTextAsync("Registration of new accounts is switched off");
        await Expect(browser.Page.GetByTestId("register-form")).ToHaveCountAsync(0);

        // Posted anyway, by a client that kept an old form: refused all the same.
        using var http = site.CreateClient();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AdminSite.RegisterAsync(http, "mallory", Password, Ct));
        Assert.Contains("switched off", refused.Message, StringComparison.Ordinal);

        await browser.SignInAsync("alice", Password);
        await Expect(browser.Page.GetByTestId("user-role")).ToHaveTextAsync("admin");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        using (var http = site.CreateClient())
        {
            await AdminSite.RegisterAsync(http, "carol", Password, Ct);
        }

        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await browser.SubmitSignInAsync("carol", "wrong-password-" + attempt);
            await Expect(browser.Page.GetByTestId("form-error")).ToContainTextAsync("The user name or the password is wrong.");
        }

        await browser.SubmitSignInAsync("carol", "wrong-password-5");
        await Expect(browser.Page.GetByTestId("form-error")).ToContainTextAsync("This account is locked after 5 failed sign-ins in a row. Try again in 5 minutes.");

        await browser.SubmitSignInAsync("carol", Password);
        await Expect(browser.Page.GetByTestId("form-error")).ToContainTextAsync("locked");
        await Expect(browser.Page.GetByTestId("user-name")).ToHaveCountAsync(0);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task DarkModeToggle_SwitchesTheTheme_AndTheChoiceOutlivesAReload()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site);
        await browser.RegisterAsync("dana", Password);
        var theme = browser.Page.Locator("#radzen-theme-link");
        await Expect(theme).ToHaveAttributeAsync("href", ThemeFile("material"));

        await browser.Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(theme).ToHaveAttributeAsync("href", ThemeFile("material-dark"));

        // The server renders the remembered theme from the first byte, and the sign-in page has it too.
        await browser.Page.ReloadAsync();
        await Expect(theme).ToHaveAttributeAsync("href", ThemeFile("material-dark"));
        await browser.WaitUntilInteractiveAsync();
        await browser.SignOutAsync();
        await Expect(theme).ToHaveAttributeAsync("href", ThemeFile("material-dark"));

        await browser.SignInAsync("dana", Password);
        await browser.Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(theme).ToHaveAttributeAsync("href", ThemeFile("material"));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task OnAPhone_TheMenuOpensFromTheHeader()
    {
        await using var site = await AdminSite.StartAsync(Ct);
        await using var browser = await AdminBrowser.OpenAsync(chromium.Browser, site, new ViewportSize { Width = 390, Height = 844 });
        await browser.RegisterAsync("erin", Password);
        // Closed: shrunk away, and inert, so nothing in it can be reached.
        var sidebar = browser.Page.GetByTestId("sidebar");
        await Expect(sidebar).ToHaveAttributeAsync("inert", "");
        await Expect(browser.Page.GetByTestId("sign-out")).ToBeInViewportAsync();
        await Expect(browser.Page.GetByTestId("theme-toggle")).ToBeInViewportAsync();

        await browser.Page.GetByTestId("nav-toggle").ClickAsync();
        await Expect(sidebar).Not.ToHaveAttributeAsync("inert", "");
        await Expect(browser.Page.GetByTestId("nav-projects")).ToBeInViewportAsync();
        await browser.Page.GetByTestId("nav-projects").ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeInViewportAsync();
        browser.AssertNoErrors();
    }

    private static Regex ThemeFile(string theme) => new($"/{Regex.Escape(theme)}-base\\.css", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"/account/sign-in\?ReturnUrl=%2F$")]
    private static partial Regex SignInUrl();
}
