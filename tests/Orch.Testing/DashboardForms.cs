using System.Net;
using System.Text.RegularExpressions;

namespace Orch.Testing;

/// <summary>The dashboard's server-rendered account forms, driven over plain HTTP as a browser without script would.</summary>
public static partial class DashboardForms
{
    /// <summary>Creates an account through the register form; the client (which must keep cookies and not follow redirects) is then signed in as it.</summary>
    public static async Task RegisterAsync(HttpClient client, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Any of the site's forms carries a token for this client; the sign-in form is always there.
        var form = await client.GetStringAsync(new Uri("account/sign-in", UriKind.Relative), cancellationToken);
        using var response = await client.PostAsync(new Uri("account/register", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Registering {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The anti-forgery token a server-rendered form carries.</summary>
    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no anti-forgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
