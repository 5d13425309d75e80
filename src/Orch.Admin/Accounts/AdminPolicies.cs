using Microsoft.AspNetCore.Authorization;

namespace Orch.Admin.Accounts;

/// <summary>
/// Authorization policies for pages and actions: <c>[Authorize(Policy = AdminPolicies.CanOperate)]</c>
/// on a page, <c>&lt;AuthorizeView Policy="@AdminPolicies.CanOperate"&gt;</c> around a button. Any page
/// without a policy still needs a signed-in account (the fallback policy).
/// </summary>
public static class AdminPolicies
{
    /// <summary>Changes things: approves plans, pauses, resumes, cancels and retries runs, changes budgets. Admins only.</summary>
    public const string CanOperate = "CanOperate";

    /// <summary>Reads everything the dashboard shows. Admins and viewers.</summary>
    public const string CanView = "CanView";

    internal static AuthorizationBuilder AddOrchPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(CanOperate, policy => policy.RequireRole(AdminRoles.Admin))
        .AddPolicy(CanView, policy => policy.RequireRole(AdminRoles.Admin, AdminRoles.Viewer));
}
