namespace Orch.Admin.Components.Layout;

/// <summary>The two Radzen themes the dashboard offers, and the cookie that remembers the choice.</summary>
internal static class DashboardTheme
{
    public const string Light = "material";

    public const string Dark = "material-dark";

    /// <summary>
    /// Written in the browser by Radzen's <c>CookieThemeService</c> when the toggle changes the theme, and
    /// read by <c>App</c> on every page load, so that the first paint already has the chosen theme.
    /// </summary>
    public const string CookieName = "orch-theme";

    /// <summary>The theme a cookie names; anything else (or none) is the light one.</summary>
    public static string FromCookie(string? value) => value == Dark ? Dark : Light;
}
