namespace Orch.Admin.Accounts;

/// <summary>Where to go after signing in: the page asked for, if it is on this site; else the home page.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url
        && url[0] == '/'
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";
}
