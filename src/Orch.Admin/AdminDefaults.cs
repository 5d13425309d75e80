namespace Orch.Admin;

internal static class AdminDefaults
{
    /// <summary>Where the dashboard listens when no URL is configured: loopback only.</summary>
    public const string Url = "http://localhost:5200";
}
