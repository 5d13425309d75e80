using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Orch.Admin.Accounts;

namespace Orch.Admin.Components.Plans;

/// <summary>
/// Who may change plans and budgets, asked again by every action's handler on the server: hidden buttons keep
/// nobody from sending the event, so a viewer's circuit is refused here too.
/// </summary>
internal static class Operators
{
    /// <summary>The signed-in account's name when it may operate, else null.</summary>
    public static async Task<string?> NameAsync(AuthenticationStateProvider authentication, IAuthorizationService authorization)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var allowed = await authorization.AuthorizeAsync(user, AdminPolicies.CanOperate);
        return allowed.Succeeded && user.Identity?.Name is { Length: > 0 } name ? name : null;
    }
}
