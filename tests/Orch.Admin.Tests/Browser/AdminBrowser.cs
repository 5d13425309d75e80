using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orch.Admin.Tests.Browser;

/// <summary>
/// One user's browser on an <see cref="AdminSite"/>: a fresh context (no cookies), one page, and
/// every console error and uncaught script error it sees, which <see cref="AssertNoErrors"/> fails on.
/// The steps a page test needs: open a page, wait until it is live, register, sign in, sign out.
/// </summary>
public sealed class AdminBrowser : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];
    private readonly Lock gate = new();

    private AdminBrowser(AdminSite site, IBrowserContext context, IPage page)
    {
        Site = site;
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    public AdminSite Site { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught errors so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (gate)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>A new context on <paramref name="browser"/>, with a desktop window unless <paramref name="viewport"/> says otherwise.</summary>
    public static async Task<AdminBrowser> OpenAsync(IBrowser browser, AdminSite site, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return new AdminBrowser(site, context, await context.NewPageAsync());
    }

    /// <summary>Opens a path of the site and returns the response (after redirects).</summary>
    public async Task<IResponse?> GotoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>Waits until the page's circuit is connected: the layout then says "live".</summary>
    public Task WaitUntilInteractiveAsync() => Expect(Page.GetByTestId("render-mode")).ToHaveTextAsync("live");

    /// <summary>Fills and sends the register form; lands wherever the site sends the browser next.</summary>
    public async Task SubmitRegistrationAsync(string userName, string password)
    {
        await GotoAsync("account/register");
        await Page.Locator("#user-name").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#confirm-password").FillAsync(password);
        await Page.GetByTestId("register").ClickAsync();
    }

    /// <summary>Registers and waits until the signed-in dashboard is live.</summary>
    public async Task RegisterAsync(string userName, string password)
    {
        await SubmitRegistrationAsync(userName, password);
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(userName);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Fills and sends the sign-in form, from the sign-in page the browser is on or a fresh one.</summary>
    public async Task SubmitSignInAsync(string userName, string password)
    {
        if (!Page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
        {
            await GotoAsync("account/sign-in");
        }

        await Page.Locator("#user-name").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByTestId("sign-in").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Signs in and waits until the signed-in dashboard is live.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await SubmitSignInAsync(userName, password);
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(userName);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Signs out with the header's button and waits for the sign-in page.</summary>
    public async Task SignOutAsync()
    {
        await Page.GetByTestId("sign-out").ClickAsync();
        await Expect(Page.GetByTestId("sign-in-form")).ToBeVisibleAsync();
    }

    public void AssertNoErrors() =>
        Assert.True(Errors.Count == 0, "The browser reported errors:" + Environment.NewLine + string.Join(Environment.NewLine, Errors));

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    private void Record(string error)
    {
        lock (gate)
        {
            errors.Add(error);
        }
    }
}
