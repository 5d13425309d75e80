namespace Orch.Admin.Accounts;

/// <summary>The dashboard's roles. Every account has exactly one.</summary>
public static class AdminRoles
{
    /// <summary>May do everything: approve plans, control runs, change budgets. The first account is one.</summary>
    public const string Admin = "admin";

    /// <summary>May look at everything and change nothing. Every account after the first is one.</summary>
    public const string Viewer = "viewer";
}
