using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Orch.Admin.Accounts;
using Orch.Core;
using Orch.Core.Execution;
using Radzen;

namespace Orch.Admin.Components.Runs;

/// <summary>
/// Runs a control action (execute, pause, resume, cancel, retry, skip) for the signed-in account, on the server:
/// a viewer is refused here whatever the page showed, so that a control sent from a changed page does nothing.
/// The account's name goes to Core as who asked; Core's refusals come back as messages, never as a broken circuit.
/// </summary>
internal sealed class RunOperator(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public const string Refusal = "Your account may look at this run but not change it; an admin can.";

    public async Task<ControlOutcome> RunAsync(Func<string, Task<ControlResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!(await authorization.AuthorizeAsync(user, AdminPolicies.CanOperate)).Succeeded || user.Identity?.Name is not { Length: > 0 } name)
        {
            return new ControlOutcome(AlertStyle.Danger, Refusal);
        }

        try
        {
            var result = await action(name);
            return new ControlOutcome(result.Changed ? AlertStyle.Success : AlertStyle.Info, Sentence(result.Message));
        }
        catch (OrchException ex)
        {
            return new ControlOutcome(AlertStyle.Danger, ex.Message);
        }
    }

    private static string Sentence(string message) =>
        message.Length == 0 ? message : string.Concat(char.ToUpperInvariant(message[0]).ToString(), message.AsSpan(1), message.EndsWith('.') ? string.Empty : ".");
}
