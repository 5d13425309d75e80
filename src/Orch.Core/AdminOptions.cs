namespace Orch.Core;

/// <summary>
/// The dashboard's settings, under <c>Orch:Admin</c>. Only Orch.Admin reads them; they are known here so
/// that every Orch process accepts the one settings file they share.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Orch:Admin";

    /// <summary>
    /// Whether anyone who reaches the dashboard may create an account (a viewer). While no admin
    /// exists an account can always be created, and it becomes the admin.
    /// </summary>
    public bool AllowRegistration { get; set; } = true;
}
